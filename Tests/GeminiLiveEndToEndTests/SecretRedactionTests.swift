import Foundation
import GeminiLiveTestSupport
import Testing

/// The key (or ephemeral token) a session sends appears in no output at all: not on the session's stdout or
/// stderr (at `-v`), not in its `--record` cassette, not in the emulator's output or `--log`. Real processes,
/// each case with a fresh unique key that the emulator requires.
@Suite("secrets: redacted at write time", .serialized)
struct SecretRedactionTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        /// What the session is given, by `GEMINI_API_KEY` or in the endpoint's query.
        let key: String
        let inQuery: Bool
        /// What the emulator requires; a different one makes it refuse the session.
        let required: String

        static func make(_ name: String, prefix: String = "", inQuery: Bool = false, refused: Bool = false) -> Case {
            let key = prefix + "glt-secret-\(UUID().uuidString)"
            return Case(description: name, key: key, inQuery: inQuery, required: refused ? "another-key" : key)
        }
    }

    static let cases: [Case] = [
        .make("an API key in GEMINI_API_KEY (x-goog-api-key)"),
        .make("an ephemeral token (Authorization: Token auth_tokens/...)", prefix: "auth_tokens/"),
        .make("a key in the endpoint's query, which -v prints", inQuery: true),
        .make("a key the service refuses, whose close reason goes to stderr", refused: true),
    ]

    /// Something the user's own input carries, named by `--redact-env`.
    static let userSecret = "user-secret-\(UUID().uuidString)"

    @Test(arguments: cases)
    func keyAppearsInNoOutput(_ secret: Case) throws {
        let directory = try TemporaryDirectory("redaction")
        let path =
            "/ws/google.ai.generativelanguage.\(secret.key.hasPrefix("auth_tokens/") ? "v1alpha" : "v1beta")"
            + ".GenerativeService.BidiGenerateContent\(secret.key.hasPrefix("auth_tokens/") ? "Constrained" : "")"
        let turn =
            #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"remember \#(Self.userSecret)"}]}],"turnComplete":true}}"#
        let result = try ToolRunner.shell(
            """
            cd '\(directory.path)'
            gemini-live-emulator --port 0 --log emulator.ndjson --api-key '\(secret.required)' \
              > emulator.out 2> emulator.err &
            emulator=$!
            wait_until has_lines 1 ws emulator.out
            url=$(head -n 1 emulator.out)
            endpoint="$url"
            key='\(secret.key)'
            if \(secret.inQuery); then endpoint="$url\(path)?alt=json&key=$key"; key=; fi
            echo '\(turn)' | GEMINI_API_KEY="$key" GOOGLE_API_KEY= USER_SECRET='\(Self.userSecret)' \
              gemini-live-session --endpoint "$endpoint" --record cassette.ndjson --redact-env USER_SECRET -v \
                --model gemini-live-2.5-flash-preview --modality text > session.out 2> session.err
            echo "session exited $?"
            kill $emulator; wait $emulator
            exit 0
            """, timeout: 60)
        #expect(result.status == 0, "\(result.stderrText)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            files == [
                "cassette.ndjson", "emulator.err", "emulator.ndjson", "emulator.out", "session.err", "session.out",
            ])
        let refused = secret.required != secret.key
        #expect(result.stdoutText.contains("session exited \(refused ? 77 : 0)"), "\(result.stdoutText)")
        var outputs = [("the script's stdout", result.stdoutText), ("the script's stderr", result.stderrText)]
        for file in files { outputs.append((file, try String(contentsOfFile: directory.file(file), encoding: .utf8))) }
        let token = secret.key.split(separator: "/").last.map(String.init) ?? secret.key
        for (name, text) in outputs {
            #expect(!text.contains(token), "\(name) holds the key: \(text)")
        }
        let stderr = try String(contentsOfFile: directory.file("session.err"), encoding: .utf8)
        let cassette = try String(contentsOfFile: directory.file("cassette.ndjson"), encoding: .utf8)
        #expect(!stderr.contains(Self.userSecret) && !cassette.contains(Self.userSecret))
        if secret.inQuery { #expect(stderr.contains("key=<redacted>"), "\(stderr)") }
        if refused { #expect(stderr.contains("API key"), "\(stderr)") }
        if !refused {
            #expect(cassette.contains("remember <redacted>"), "\(cassette)")
            let header = try #require(cassette.split(separator: "\n").first)
            let names =
                secret.inQuery
                ? #"["USER_SECRET"]"#
                : secret.key.hasPrefix("auth_tokens/")
                    ? #"["authorization","USER_SECRET"]"# : #"["x-goog-api-key","USER_SECRET"]"#
            #expect(header.contains(#""redacted":\#(names)"#), "\(header)")
        }
    }
}
