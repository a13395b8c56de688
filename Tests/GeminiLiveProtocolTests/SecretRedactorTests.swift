import GeminiLiveProtocol
import Testing

@Suite struct SecretRedactorTests {
    static let redactor: SecretRedactor = {
        var redactor = SecretRedactor()
        redactor.add("AIzaSyFAKEKEY123", name: "x-goog-api-key")
        redactor.add(environment: ["WEATHER_TOKEN", "UNSET_VAR"], from: ["WEATHER_TOKEN": "wx-secret-42"])
        return redactor
    }()

    @Test(
        "text: registered values and the fixed rules",
        arguments: [
            ("key AIzaSyFAKEKEY123 refused", "key <redacted> refused"),
            ("AIzaSyFAKEKEY123AIzaSyFAKEKEY123", "<redacted><redacted>"),
            ("token wx-secret-42.", "token <redacted>."),
            ("auth_tokens/abc.DEF-123_x rest", "auth_tokens/<redacted> rest"),
            ("wss://h/ws?key=abc123&alt=json", "wss://h/ws?key=<redacted>&alt=json"),
            ("wss://h/ws?alt=json&access_token=ya29.x#frag", "wss://h/ws?alt=json&access_token=<redacted>#frag"),
            ("monkey=banana and ?donkey=1", "monkey=banana and ?donkey=1"),
            ("Authorization: Token abc def\nnext", "Authorization: <redacted>\nnext"),
            ("x-goog-api-key:zzz", "x-goog-api-key:<redacted>"),
            ("X-Goog-Api-Key: zzz", "X-Goog-Api-Key: <redacted>"),
            ("nothing secret here", "nothing secret here"),
            ("", ""),
        ])
    func text(input: String, expected: String) {
        #expect(Self.redactor.redacting(input) == expected)
        #expect(Self.redactor.redacting(expected) == expected, "redacting twice changes nothing more")
    }

    @Test func namesListWhatWasRegisteredNeverTheValues() {
        #expect(Self.redactor.names == ["x-goog-api-key", "WEATHER_TOKEN", "UNSET_VAR"])
    }

    @Test func aLongerValueContainingAShorterOneIsReplacedWhole() {
        var redactor = SecretRedactor()
        redactor.add("abc", name: "A")
        redactor.add("xxabcxx", name: "B")
        #expect(redactor.redacting("1 xxabcxx 2 abc") == "1 <redacted> 2 <redacted>")
    }

    @Test func jsonStringsHandlesAndHeaderMembers() {
        let message: JSONValue = [
            "sessionResumptionUpdate": ["newHandle": "h-123", "resumable": true],
            "setup": ["sessionResumption": ["handle": "h-122"], "note": "key AIzaSyFAKEKEY123"],
            "headers": ["Authorization": "Bearer t", "x-goog-api-key": "k"],
            "list": ["wx-secret-42", 7, ["handle": ""]],
            "realtimeInput": ["audio": ["data": "AIzaSyFAKEKEY123", "mimeType": "audio/pcm"]],
        ]
        let expected: JSONValue = [
            "sessionResumptionUpdate": ["newHandle": "<redacted>", "resumable": true],
            "setup": ["sessionResumption": ["handle": "<redacted>"], "note": "key <redacted>"],
            "headers": ["Authorization": "<redacted>", "x-goog-api-key": "<redacted>"],
            "list": ["<redacted>", 7, ["handle": ""]],
            // base64 payloads are not scanned (see the type's comment)
            "realtimeInput": ["audio": ["data": "AIzaSyFAKEKEY123", "mimeType": "audio/pcm"]],
        ]
        #expect(Self.redactor.redacting(message) == expected)
        var keepsHandles = Self.redactor
        keepsHandles.redactsHandles = false
        #expect(keepsHandles.redacting(message)["sessionResumptionUpdate"]?["newHandle"] == "h-123")
    }
}
