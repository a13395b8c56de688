import Foundation
import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveSystem
import Testing

@Suite("session configuration: which setup, handle and endpoint win")
struct SessionConfigurationTests {
    /// A local endpoint, so no key is needed unless a test asks for Google's.
    static func localRequest() -> SessionRequest {
        var request = SessionRequest()
        request.endpoint = "ws://127.0.0.1:8765"
        return request
    }

    func resolve(
        _ request: SessionRequest = localRequest(), stdin: Setup? = nil, environment: [String: String] = [:]
    ) throws(SessionSetupError) -> SessionConfiguration {
        try SessionConfiguration.resolve(request, stdinSetup: stdin, environment: environment)
    }

    @Test func withNothingGivenTheDefaultModelIsUsed() throws {
        #expect(try resolve().policy.setup.model == SetupOptions.defaultModel)
    }

    @Test func theEnvironmentNamesTheModelUnlessEmpty() throws {
        #expect(try resolve(environment: ["GEMINI_LIVE_MODEL": "gemini-x"]).policy.setup.model == "models/gemini-x")
        #expect(try resolve(environment: ["GEMINI_LIVE_MODEL": ""]).policy.setup.model == SetupOptions.defaultModel)
    }

    @Test func stdinsSetupWinsOverTheEnvironmentAndFlagsWinOverBoth() throws {
        let stdin = Setup(model: "models/from-stdin")
        let environment = ["GEMINI_LIVE_MODEL": "from-env"]
        #expect(try resolve(stdin: stdin, environment: environment).policy.setup.model == "models/from-stdin")
        var request = Self.localRequest()
        request.options.model = "from-flag"
        #expect(try resolve(request, stdin: stdin, environment: environment).policy.setup.model == "models/from-flag")
    }

    @Test func aStdinSetupWithoutModelTakesTheModelFlagsWouldGive() throws {
        // The tutorial page's first line: a setup with generation_config only.
        let line = JSONValue.object(["setup": ["generation_config": ["response_modalities": ["AUDIO"]]]])
        let opened = try #require(ClientMessage(json: InputValidator.modelLeftOpen(line)).setup)
        #expect(opened.model == "")
        #expect(try resolve(stdin: opened).policy.setup.model == SetupOptions.defaultModel)
        let fromEnvironment = try resolve(stdin: opened, environment: ["GEMINI_LIVE_MODEL": "gemini-x"])
        #expect(fromEnvironment.policy.setup.model == "models/gemini-x")
        #expect(fromEnvironment.policy.setup.generationConfig?.responseModalities == ["AUDIO"])
        var request = Self.localRequest()
        request.options.model = "gemini-y"
        #expect(try resolve(request, stdin: opened).policy.setup.model == "models/gemini-y")
        // A line that is something else, or names its model, is left as it is.
        let named = JSONValue.object(["setup": ["model": "models/m"]])
        #expect(InputValidator.modelLeftOpen(named) == named)
        let other = JSONValue.object(["clientContent": ["turnComplete": true]])
        #expect(InputValidator.modelLeftOpen(other) == other)
    }

    @Test func aSetupFileWinsOverTheEnvironment() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString).json")
        try Data(#"{"setup":{"model":"models/from-file"}}"#.utf8).write(to: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        var request = Self.localRequest()
        request.setupFile = tmp.path
        let configuration = try resolve(request, environment: ["GEMINI_LIVE_MODEL": "from-env"])
        #expect(configuration.policy.setup.model == "models/from-file")
    }

    @Test func aSetupFromBothStdinAndAFileIsAUsageError() {
        var request = Self.localRequest()
        request.setupFile = "setup.json"
        #expect(throws: SessionSetupError.self) { try resolve(request, stdin: Setup(model: "models/m")) }
        do {
            _ = try resolve(request, stdin: Setup(model: "models/m"))
        } catch {
            #expect(error.category == .usage)
        }
    }

    @Test func theFirstHandleIsResumeElseTheSetupsOwn() throws {
        var stdin = Setup(model: "models/m")
        stdin.sessionResumption = SessionResumptionConfig(handle: "from-setup")
        #expect(try resolve(stdin: stdin).policy.initialHandle == "from-setup")
        var request = Self.localRequest()
        request.resumeHandle = "from-flag"
        let configuration = try resolve(request, stdin: stdin)
        #expect(configuration.policy.initialHandle == "from-flag")
        #expect(configuration.policy.resumption)
    }

    @Test func withResumptionOffNoHandleIsUsedAndTheSetupAsksForNone() throws {
        var stdin = Setup(model: "models/m")
        stdin.sessionResumption = SessionResumptionConfig(handle: "from-setup")
        var request = Self.localRequest()
        request.resumption = false
        let configuration = try resolve(request, stdin: stdin)
        #expect(!configuration.policy.resumption)
        #expect(configuration.policy.initialHandle == nil)
        #expect(configuration.policy.setup.sessionResumption == nil)
    }

    @Test func googlesHostNeedsAKeyAndALocalOneDoesNot() throws {
        #expect(try resolve().endpoint.headers.isEmpty)
        do {
            _ = try resolve(SessionRequest())
            Issue.record("Google's host was accepted without a key")
        } catch {
            #expect(error.category == .permission)
        }
        let google = try resolve(SessionRequest(), environment: ["GEMINI_API_KEY": "k"])
        #expect(google.endpoint.host == "generativelanguage.googleapis.com")
        #expect(google.endpoint.headers.map(\.value) == ["k"])
    }

    @Test func theEnvironmentNamesTheEndpointUnlessEmptyAndTheFlagWins() throws {
        let environment = ["GEMINI_LIVE_ENDPOINT": "ws://127.0.0.1:9999"]
        let fromEnvironment = try resolve(SessionRequest(), environment: environment)
        #expect(fromEnvironment.endpoint.host == "127.0.0.1")
        #expect(fromEnvironment.endpoint.port == 9999)
        #expect(fromEnvironment.endpoint.headers.isEmpty)
        let fromFlag = try resolve(environment: environment)
        #expect(fromFlag.endpoint.port == 8765)
        let empty = try resolve(SessionRequest(), environment: ["GEMINI_LIVE_ENDPOINT": "", "GEMINI_API_KEY": "k"])
        #expect(empty.endpoint.host == "generativelanguage.googleapis.com")
        #expect(SessionConfiguration.environmentNames.contains("GEMINI_LIVE_ENDPOINT"))
    }

    @Test func googleApiKeyIsPreferredToGeminiApiKey() throws {
        let configuration = try resolve(
            SessionRequest(), environment: ["GOOGLE_API_KEY": "google", "GEMINI_API_KEY": "gemini"])
        #expect(configuration.endpoint.headers.map(\.value) == ["google"])
    }

    @Test func theApiVersionGoesIntoTheStandardPath() throws {
        var request = Self.localRequest()
        request.apiVersion = .v1beta
        #expect(try resolve(request).endpoint.path.contains(".v1beta."))
    }

    @Test func transcriptionListsAcceptEitherOrder() {
        #expect(SetupOptions.Transcription(list: "output,input") == .both)
        #expect(SetupOptions.Transcription(list: "input") == .input)
        #expect(SetupOptions.Transcription(list: "input,") == nil)
        #expect(SetupOptions.Transcription(list: "everything") == nil)
    }
}
