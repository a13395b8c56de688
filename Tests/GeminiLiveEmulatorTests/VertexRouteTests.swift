import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import HTTPTypes
import Testing

/// The Vertex AI paths: their auth (a bearer token, or an API key in express mode; 401 without), their model
/// names, id-less tool answers and the consumed index of transparent resumption.
@Suite(.serialized)
struct VertexRouteTests {
    static func path(_ version: String = "v1beta1") -> String {
        "/ws/google.cloud.aiplatform.\(version).LlmBidiService/BidiGenerateContent"
    }

    static let bearer: HTTPFields = [.authorization: "Bearer ya29.test-token"]
    static let fullModel = "projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash-live-001"
    static let textSetup = #""generationConfig":{"responseModalities":["TEXT"]}"#

    static func isSetupComplete(_ kind: ServerMessage.Kind?) -> Bool {
        if case .setupComplete? = kind { return true }
        return false
    }

    @Test func vertexPathsWithoutCredentialsAre401AndWrongVersionsAre404() async throws {
        let server = try await EmulatorHarness.start()
        let port = String(server.url.split(separator: ":").last!)
        for (path, status) in [
            (Self.path(), "401"), (Self.path("v1"), "401"), (Self.path("v1beta"), "404"),
            ("/ws/google.cloud.aiplatform.v1beta1.LlmBidiService.BidiGenerateContent", "404"),
            ("/ws/google.ai.generativelanguage.v1beta1.GenerativeService.BidiGenerateContent", "404"),
        ] {
            let result = try await BlockingThread.run {
                try GeminiLiveTestSupportShim.curlStatus(port: port, path: path)
            }
            #expect(result == status, "\(path)")
        }
    }

    @Test(arguments: ["v1beta1", "v1"])
    func aBearerTokenAndTheFullModelNameAreServed(version: String) async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.url + Self.path(version), headers: Self.bearer) { connection in
            try await connection.send(LiveClient.setup(model: Self.fullModel))
            return await connection.next()?.message?.kind
        }
        #expect(Self.isSetupComplete(outcome.value))
    }

    @Test func expressModeTakesTheKeyAndTheShortModelName() async throws {
        var configuration = EmulatorConfiguration()
        configuration.apiKey = "AIza-k"
        let server = try await EmulatorHarness.start(configuration)
        let good = try await LiveClient.run(
            server.url + Self.path(), headers: [HTTPField.Name("x-goog-api-key")!: "AIza-k"]
        ) {
            connection in
            try await connection.send(LiveClient.setup(model: "publishers/google/models/gemini-2.0-flash-live-001"))
            return await connection.next()?.message?.kind
        }
        #expect(Self.isSetupComplete(good.value))
        let wrong = try await LiveClient.run(
            server.url + Self.path(), headers: [HTTPField.Name("x-goog-api-key")!: "bad"]
        ) {
            connection in
            try await connection.send(LiveClient.setup(model: "publishers/google/models/gemini-2.0-flash-live-001"))
            return await connection.next()?.message?.kind
        }
        #expect(wrong.closeCode == 1007)
    }

    @Test(arguments: [
        "models/gemini-2.0-flash-live-001", "gemini-2.0-flash-live-001",
        "projects/p/locations/l/publishers/other/models/gemini-2.0-flash-live-001",
        "projects/p/locations/l/publishers/google/models/gemini-9",
    ])
    func geminiAPINamesAndUnknownModelsAreNotFoundOnVertex(model: String) async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.url + Self.path(), headers: Self.bearer) { connection in
            try await connection.send(LiveClient.setup(model: model))
            return await connection.next()?.message?.kind
        }
        #expect(outcome.value == nil)
        #expect(outcome.closeCode == 1008)
        #expect(outcome.closeReason?.hasPrefix(model) == true, "\(outcome.closeReason ?? "")")
    }

    @Test func aToolResponseWithoutAnIdIsMatchedByNameOnVertex() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try EmulatorScript(
            json: Array(
                #"{"rules":[{"match":{"text":"weather"},"reply":[{"toolCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_1"}},{"say":"It is {{response}} in Paris."}]}]}"#
                    .utf8))
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.url + Self.path(), headers: Self.bearer) { connection in
            try await connection.send(LiveClient.setup(model: Self.fullModel, Self.textSetup))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("what is the weather"))
            _ = await connection.collect(until: { $0.message?.toolCall != nil })
            try await connection.send(
                #"{"toolResponse":{"functionResponses":[{"name":"get_weather","response":{"output":"sunny"}}]}}"#)
            return await connection.turn() ?? []
        }
        let reply = outcome.value.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "It is sunny in Paris.")
    }
}

/// Transparent resumption in the state machine: the consumed index, as proto JSON's int64 string.
struct TransparentResumptionTests {
    static func updates(_ actions: [EmulatorAction]) -> [SessionResumptionUpdate] {
        actions.compactMap { action in
            if case .send(let message) = action, case .sessionResumptionUpdate(let update)? = message.kind {
                return update
            }
            return nil
        }
    }

    static func session(backend: Backend, transparent: Bool) -> (EmulatedSession, [EmulatorAction]) {
        var options = SessionOptions()
        options.backend = backend
        var session = EmulatedSession(options: options)
        let resumption = transparent ? #"{"transparent":true}"# : "{}"
        let model =
            backend == .vertexAI
            ? "projects/p/locations/global/publishers/google/models/gemini-2.0-flash-live-001"
            : "models/gemini-2.0-flash-live-001"
        let setup = session.receive(
            Array(
                #"{"setup":{"model":"\#(model)","generationConfig":{"responseModalities":["TEXT"]},"sessionResumption":\#(resumption)}}"#
                    .utf8))
        return (session, setup)
    }

    @Test func vertexReportsTheConsumedIndexAsAStringWhenAskedForTransparentResumption() throws {
        var (session, _) = Self.session(backend: .vertexAI, transparent: true)
        _ = session.receive(Array(#"{"realtimeInput":{"text":"one"}}"#.utf8))
        // A second turn interrupts the reply to the first: the update after it covers both messages.
        let actions = session.receive(Array(#"{"realtimeInput":{"text":"two"}}"#.utf8))
        let update = try #require(Self.updates(actions).first { $0.lastConsumedClientMessageIndex != nil })
        #expect(update.lastConsumedClientMessageIndex == 1)
        #expect(update.json["lastConsumedClientMessageIndex"] == .string("1"))
    }

    @Test(arguments: [(Backend.vertexAI, false), (Backend.geminiAPI, true)])
    func withoutTransparentResumptionOnVertexThereIsNoIndex(backend: Backend, transparent: Bool) {
        var (session, _) = Self.session(backend: backend, transparent: transparent)
        _ = session.receive(Array(#"{"realtimeInput":{"text":"one"}}"#.utf8))
        let actions = session.receive(Array(#"{"realtimeInput":{"text":"two"}}"#.utf8))
        #expect(!Self.updates(actions).isEmpty)
        #expect(Self.updates(actions).allSatisfy { $0.lastConsumedClientMessageIndex == nil })
    }
}
