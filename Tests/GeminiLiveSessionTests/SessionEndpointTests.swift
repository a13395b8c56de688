import GeminiLiveSession
import GeminiLiveSystem
import Testing

@Suite("endpoint and key")
struct SessionEndpointTests {
    @Test("the default endpoint is v1 on Google, the key goes in x-goog-api-key, never in the URL")
    func defaultEndpoint() throws {
        let endpoint = try SessionEndpoint.resolve(endpoint: nil, apiVersion: nil, key: "k123")
        #expect(
            endpoint.url
                == "wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent"
        )
        #expect(endpoint.port == 443)
        #expect(endpoint.headers.map(\.name) == ["x-goog-api-key"])
        #expect(!endpoint.url.contains("k123"))
    }

    @Test("a bare ws://host:port gets the standard path; a URL with a path is kept")
    func bareAndFull() throws {
        let bare = try SessionEndpoint.resolve(endpoint: "ws://127.0.0.1:8765", apiVersion: "v1beta", key: nil)
        #expect(
            bare.url
                == "ws://127.0.0.1:8765/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent")
        #expect(bare.host == "127.0.0.1" && bare.port == 8765 && !bare.usesTLS && bare.isLoopback)
        #expect(bare.headers.isEmpty)
        let full = try SessionEndpoint.resolve(endpoint: "wss://proxy.example/live?x=1", apiVersion: nil, key: nil)
        #expect(full.url == "wss://proxy.example/live?x=1")
        #expect(full.path == "/live?x=1" && full.port == 443)
    }

    @Test("an auth_tokens/ key uses the constrained method on v1alpha with Authorization: Token")
    func ephemeralToken() throws {
        let endpoint = try SessionEndpoint.resolve(endpoint: nil, apiVersion: nil, key: "auth_tokens/abc")
        #expect(endpoint.path.hasSuffix("v1alpha.GenerativeService.BidiGenerateContentConstrained"))
        #expect(endpoint.headers.first?.name == "authorization")
        #expect(endpoint.headers.first?.value == "Token auth_tokens/abc")
        #expect(throws: SessionSetupError.self) {
            try SessionEndpoint.resolve(endpoint: nil, apiVersion: "v1", key: "auth_tokens/abc")
        }
    }

    @Test("bad endpoints are usage errors", arguments: ["http://x", "example.com", "ws://host:0", "ws://:80"])
    func badEndpoints(text: String) {
        #expect(throws: SessionSetupError.self) {
            try SessionEndpoint.resolve(endpoint: text, apiVersion: nil, key: nil)
        }
    }

    @Test("the key comes from --api-key-file, then GOOGLE_API_KEY, then GEMINI_API_KEY")
    func keyPrecedence() throws {
        #expect(try SetupFiles.apiKey(file: nil, environment: ["GEMINI_API_KEY": "g"]) == "g")
        #expect(try SetupFiles.apiKey(file: nil, environment: ["GEMINI_API_KEY": "g", "GOOGLE_API_KEY": "o"]) == "o")
        #expect(try SetupFiles.apiKey(file: nil, environment: [:]) == nil)
    }

    @Test(
        "close codes are classified by code and reason",
        arguments: [
            (1011, "Internal error occurred.", CloseClassification.retry),
            (1000, "The operation was cancelled.", .retry),
            (1007, "Request contains an invalid argument.", .fatal(.protocolError)),
            (1008, "Requested entity was not found", .fatal(.configuration)),
            (1011, "You exceeded your current quota", .fatal(.unavailable)),
            (1008, "Permission denied", .fatal(.permission)),
        ])
    func classification(code: Int, reason: String, expected: CloseClassification) {
        #expect(CloseClassification.of(code: code, reason: reason) == expected)
    }

    @Test(
        "HTTP statuses refusing the upgrade: auth and not-found are final, throttling and server faults retried",
        arguments: [
            (401, CloseClassification.fatal(.permission)), (403, .fatal(.permission)), (404, .fatal(.configuration)),
            (400, .fatal(.protocolError)), (200, .fatal(.protocolError)), (429, .retry), (500, .retry), (503, .retry),
        ])
    func upgradeStatus(status: Int, expected: CloseClassification) {
        #expect(CloseClassification.of(upgradeStatus: status) == expected)
    }
}
