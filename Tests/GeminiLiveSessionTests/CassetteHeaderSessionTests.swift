import GeminiLiveProtocol
import GeminiLiveSession
import Testing

/// The header `gemini-live-session --record` writes, and the redactor that learns the session's credentials.
@Suite struct CassetteHeaderSessionTests {
    @Test(
        "host and API version come from the endpoint, the model from the setup",
        arguments: [
            ("wss://generativelanguage.googleapis.com", nil, "generativelanguage.googleapis.com", "v1"),
            ("ws://127.0.0.1:9000", "auth_tokens/abc", "127.0.0.1", "v1alpha"),
            ("ws://proxy.test/custom/live", nil, "proxy.test", nil),
        ] as [(String, String?, String, String?)])
    func header(endpoint: String, key: String?, host: String, api: String?) throws {
        let resolved = try SessionEndpoint.resolve(endpoint: endpoint, apiVersion: nil, key: key)
        let header = CassetteHeader(tool: "9.9.9", endpoint: resolved, setup: Setup(model: "models/m"))
        #expect(header.host == host && header.api == api && header.model == "models/m" && header.tool == "9.9.9")
        #expect(header.recorded?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
    }

    @Test func theTimestampIsUTC() {
        #expect(CassetteHeader.timestamp(0) == "1970-01-01T00:00:00Z")
        #expect(CassetteHeader.timestamp(1_796_463_605) == "2026-12-05T09:40:05Z")
    }

    @Test func theRedactorLearnsTheKeyAndTheBareToken() throws {
        var redactor = SecretRedactor()
        redactor.add(credentialsOf: try SessionEndpoint.resolve(endpoint: nil, apiVersion: nil, key: "AIzaKEY"))
        redactor.add(credentialsOf: try SessionEndpoint.resolve(endpoint: nil, apiVersion: nil, key: "auth_tokens/T0K"))
        #expect(redactor.names == ["x-goog-api-key", "authorization"])
        #expect(redactor.redacting("AIzaKEY; Token auth_tokens/T0K") == "<redacted>; <redacted>")
        #expect(redactor.redacting("token: auth_tokens/T0K.") == "token: <redacted>.", "the token without its scheme")
    }
}
