import Foundation
import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveSystem
import GeminiLiveTestSupport
import Testing

@Suite("Vertex AI: hosts, paths, credentials and model names")
struct VertexEndpointTests {
    /// A Vertex request with a token command (never run by resolving).
    static func request(
        project: String? = "proj", location: String? = "us-central1",
        _ configure: (inout SessionRequest) -> Void = { _ in }
    ) -> SessionRequest {
        var request = SessionRequest()
        request.vertex = true
        request.project = project
        request.location = location
        request.accessTokenCommand = "gcloud auth print-access-token"
        configure(&request)
        return request
    }

    static func resolve(
        _ request: SessionRequest, environment: [String: String] = [:], stdin: Setup? = nil
    ) throws(SessionSetupError) -> SessionConfiguration {
        try SessionConfiguration.resolve(request, stdinSetup: stdin, environment: environment)
    }

    static func usageMessage(_ body: () throws(SessionSetupError) -> Void) -> SessionSetupError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "the host follows the location: regional, global without a prefix, multi-regions on rep hosts",
        arguments: [
            ("us-central1", "us-central1-aiplatform.googleapis.com"),
            ("global", "aiplatform.googleapis.com"),
            ("us", "aiplatform.us.rep.googleapis.com"),
            ("eu", "aiplatform.eu.rep.googleapis.com"),
        ])
    func hosts(location: String, host: String) throws {
        #expect(VertexHost.name(location: location) == host)
        let configuration = try Self.resolve(Self.request(location: location))
        #expect(configuration.endpoint.host == host)
        #expect(configuration.endpoint.usesTLS)
        #expect(
            configuration.endpoint.path == "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent")
        #expect(configuration.endpoint.backend == .vertexAI)
        #expect(configuration.endpoint.accessToken == .command("gcloud auth print-access-token"))
        #expect(configuration.endpoint.headers.isEmpty, "the bearer token is added per connection")
        #expect(
            configuration.policy.setup.model
                == "projects/proj/locations/\(location)/publishers/google/models/gemini-3.8-live")
    }

    @Test("--endpoint keeps the Vertex path, auth and model naming; --api-version v1 is served")
    func endpointOverride() throws {
        let configuration = try Self.resolve(
            Self.request {
                $0.endpoint = "ws://127.0.0.1:9000"
                $0.apiVersion = .v1
                $0.options.model = "gemini-live-2.5-flash-native-audio"
            })
        #expect(
            configuration.endpoint.url
                == "ws://127.0.0.1:9000/ws/google.cloud.aiplatform.v1.LlmBidiService/BidiGenerateContent")
        #expect(configuration.endpoint.accessToken != nil)
        #expect(configuration.endpoint.redactedHeaderLines == ["authorization: <redacted>"])
        #expect(
            configuration.policy.setup.model
                == "projects/proj/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio")
    }

    @Test("model names: bare ids, models/, other publishers and full names, as python-genai's t_model")
    func modelNames() {
        #expect(ModelName.vertex("x", project: nil, location: nil) == "publishers/google/models/x")
        #expect(ModelName.vertex("models/x", project: nil, location: nil) == "publishers/google/models/x")
        #expect(
            ModelName.vertex("pub/x", project: "p", location: "l") == "projects/p/locations/l/publishers/pub/models/x")
        let full = "projects/a/locations/b/publishers/google/models/x"
        #expect(ModelName.vertex(full, project: "p", location: "l") == full)
        #expect(ModelName.id(in: full) == "x")
        #expect(ModelName.id(in: "publishers/google/models/x") == "x")
        #expect(ModelName.id(in: "models/x") == "x")
        #expect(ModelName.id(in: "publishers/other/models/x") == nil)
    }

    @Test("GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION stand in for the flags")
    func environment() throws {
        var request = SessionRequest()
        request.accessTokenFile = "/tmp/token"
        let configuration = try Self.resolve(
            request,
            environment: [
                "GOOGLE_GENAI_USE_VERTEXAI": "True", "GOOGLE_CLOUD_PROJECT": "envp", "GOOGLE_CLOUD_LOCATION": "eu",
            ])
        #expect(configuration.endpoint.host == "aiplatform.eu.rep.googleapis.com")
        #expect(configuration.policy.setup.model.hasPrefix("projects/envp/locations/eu/"))
        // Without a location anywhere, the SDKs' default: global.
        let global = try Self.resolve(Self.request(location: nil))
        #expect(global.endpoint.host == "aiplatform.googleapis.com")
        // Not chosen: the Gemini API as before, and the Vertex flags are refused.
        let error = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(request, environment: ["GOOGLE_GENAI_USE_VERTEXAI": "false", "GOOGLE_API_KEY": "k"])
        }
        #expect(error?.category == .usage)
        #expect(error?.message.contains("--access-token-file is for Vertex AI") == true)
    }

    @Test("express mode: an API key and no project use the global host, x-goog-api-key and the short model name")
    func expressMode() throws {
        var request = SessionRequest()
        request.vertex = true
        let configuration = try Self.resolve(
            request, environment: ["GOOGLE_API_KEY": "AIza-k", "GOOGLE_CLOUD_PROJECT": "ignored-with-a-key"])
        #expect(configuration.endpoint.host == "aiplatform.googleapis.com")
        #expect(configuration.endpoint.headers.map(\.name) == ["x-goog-api-key"])
        #expect(configuration.endpoint.accessToken == nil)
        #expect(configuration.policy.setup.model == "publishers/google/models/gemini-3.8-live")
        request.project = "explicit"
        let error = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(request, environment: ["GOOGLE_API_KEY": "AIza-k"])
        }
        #expect(error?.category == .usage)
    }

    @Test("transparent resumption goes into the setup; without resumption it is refused")
    func transparentResumption() throws {
        let configuration = try Self.resolve(Self.request { $0.transparentResumption = true })
        let frame = String(decoding: configuration.firstSetupFrame, as: UTF8.self)
        #expect(frame.contains(#""sessionResumption":{"transparent":true}"#), "\(frame)")
        let error = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(
                Self.request {
                    $0.transparentResumption = true
                    $0.resumption = false
                })
        }
        #expect(error?.category == .usage)
        // The same field from a setup line, for the Gemini API.
        var setup = Setup(model: "models/gemini-3.8-live")
        setup.sessionResumption = SessionResumptionConfig(unknownFields: ["transparent": true])
        var gemini = SessionRequest()
        gemini.endpoint = "ws://127.0.0.1:9"
        let geminiError = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(gemini, stdin: setup)
        }
        #expect(geminiError?.message.contains("sessionResumption.transparent") == true)
    }

    @Test("Gemini-API-only features are usage errors on Vertex AI: translationConfig, ephemeral tokens, v1beta")
    func geminiOnlyFeatures() {
        var setup = Setup(model: "models/gemini-3.5-live-translate-preview")
        var config = GenerationConfig()
        config.unknownFields["translationConfig"] = ["targetLanguageCode": "de"]
        setup.generationConfig = config
        let translation = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(Self.request(), stdin: setup)
        }
        #expect(translation?.category == .usage)
        #expect(translation?.message.contains("translationConfig") == true)
        let version = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(Self.request { $0.apiVersion = .v1beta })
        }
        #expect(version?.message.contains("--api-version v1beta") == true)
        var express = SessionRequest()
        express.vertex = true
        let ephemeral = Self.usageMessage { () throws(SessionSetupError) in
            _ = try Self.resolve(express, environment: ["GOOGLE_API_KEY": "auth_tokens/x"])
        }
        #expect(ephemeral?.category == .usage)
    }

    @Test("a token command's failure names its exit status, never its output; a token is one word")
    func tokenSources() throws {
        #expect(try AccessTokenSource.command("printf '  ya29.abc\\n'").token() == "ya29.abc")
        let failed = Self.usageMessage { () throws(SessionSetupError) in
            _ = try AccessTokenSource.command("echo ya29.secret-$((6 * 7)); exit 4").token()
        }
        #expect(failed?.category == .permission)
        #expect(failed?.message.contains("exited with status 4") == true)
        #expect(failed?.message.contains("secret-42") == false, "the output is never quoted")
        let twoWords = Self.usageMessage { () throws(SessionSetupError) in
            _ = try AccessTokenSource.command("echo 'WARNING: x'; echo ya29.secret-$((6 * 7))").token()
        }
        #expect(twoWords?.category == .permission)
        #expect(twoWords?.message.contains("secret-42") == false)
        let directory = try TemporaryDirectory("token")
        let path = directory.file("token")
        try "ya29.from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try AccessTokenSource.file(path).token() == "ya29.from-file")
        let missing = Self.usageMessage { () throws(SessionSetupError) in
            _ = try AccessTokenSource.file(directory.file("none")).token()
        }
        #expect(missing?.category == .noInput)
    }

    @Test("a toolResponse without an id: refused for the Gemini API, valid on Vertex AI when it names the function")
    func idLessToolResponses() throws {
        let line = Array(#"{"toolResponse":{"functionResponses":[{"name":"f","response":{}}]}}"#.utf8)
        #expect(throws: MessageDecodingError.self) { try InputValidator().validate(line) }
        let vertex = InputValidator(toolResponsesNeedIDs: false)
        #expect(throws: Never.self) { try vertex.validate(line) }
        let nameless = Array(#"{"toolResponse":{"functionResponses":[{"response":{}}]}}"#.utf8)
        #expect(throws: MessageDecodingError.self) { try vertex.validate(nameless) }
    }
}
