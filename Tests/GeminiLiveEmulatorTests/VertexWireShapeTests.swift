import GeminiLiveProtocol
import Testing

@testable import GeminiLiveEmulator

/// Vertex AI's recorded shapes, from an emulated session and its replies built with `backend: .vertexAI`, turned
/// into frame bytes exactly as the connection sends them (`ServiceFrame`).
struct VertexWireShapeTests {
    static func session(model: String = "gemini-3.8-live", _ extra: String = "") -> (EmulatedSession, [EmulatorAction])
    {
        var options = SessionOptions()
        options.backend = .vertexAI
        var session = EmulatedSession(options: options)
        let members = extra.isEmpty ? "" : "," + extra
        let actions = session.receive(
            Array(
                #"{"setup":{"model":"projects/p/locations/us-central1/publishers/google/models/\#(model)"\#(members)}}"#
                    .utf8))
        return (session, actions)
    }

    /// The frame `message` goes out as, parsed back with its key order.
    static func frame(_ message: ServerMessage) throws -> JSONValue {
        let bytes = ServiceFrame.bytes(message)
        #expect(bytes.last == 0x0A)
        return try JSONParser.parse(bytes)
    }

    static var uuid: Regex<Substring> { /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/ }

    @Test func setupCompleteCarriesASessionID() throws {
        let (_, actions) = Self.session()
        guard case .send(let message)? = actions.first, case .setupComplete(let complete)? = message.kind else {
            Issue.record("no setupComplete: \(actions)")
            return
        }
        let id = try #require(complete.sessionId)
        #expect(id.wholeMatch(of: Self.uuid) != nil, "\(id)")
        #expect(WireShapeTests.keys(try Self.frame(message)["setupComplete"]) == ["sessionId"])
        // The Gemini API sends none.
        var gemini = EmulatedSession(options: SessionOptions())
        let plain = gemini.receive(Array(#"{"setup":{"model":"models/gemini-3.8-live"}}"#.utf8))
        #expect(plain.first == .send(ServerMessage(.setupComplete(SetupComplete()))))
    }

    @Test func spokenRepliesHaveARoleABareMIMETypeAndAnEmptyFirstTranscription() throws {
        var (session, _) = Self.session(#""outputAudioTranscription":{}"#)
        guard case .startReply(let request)? = session.receive(Array(#"{"realtimeInput":{"text":"hi"}}"#.utf8)).last
        else {
            Issue.record("no reply")
            return
        }
        #expect(request.dialect == .vertexAI)
        var playback = ManualPlayback(ReplyPlayer(request: request, script: nil, usedRules: []))
        playback.deliver(.start)
        playback.run(speech: { _ in [Int16](repeating: 500, count: 30_000) })
        let frames = try playback.sent.map { try Self.frame($0.message) }
        #expect(frames.first == ["serverContent": ["outputTranscription": [:]]])
        let turns = frames.compactMap { $0["serverContent"]?["modelTurn"] }
        #expect(!turns.isEmpty)
        #expect(turns.allSatisfy { WireShapeTests.keys($0) == ["role", "parts"] && $0["role"] == "model" })
        #expect(turns.allSatisfy { $0["parts"]?[0]?["inlineData"]?["mimeType"] == "audio/pcm" })
        let sizes = turns.compactMap { $0["parts"]?[0]?["inlineData"]?["data"]?.stringValue }.map {
            (try? Base64.decode($0))?.count ?? 0
        }
        #expect(sizes == [9_600, 11_520, 11_520, 11_520, 11_520, 60_000 - 9_600 - 4 * 11_520])
    }

    @Test func usageUsesCandidatesNamesAndATrafficType() throws {
        var (session, _) = Self.session()
        _ = session.receive(Array(#"{"realtimeInput":{"text":"hi"}}"#.utf8))
        let end = session.replyFinished(turn: 1, responseTokens: 12)
        let messages = end.compactMap { if case .send(let message) = $0 { message } else { nil } }
        let usage = try #require(try messages.map(Self.frame).first { $0["usageMetadata"] != nil }?["usageMetadata"])
        #expect(
            WireShapeTests.keys(usage) == [
                "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "trafficType", "promptTokensDetails",
                "candidatesTokensDetails",
            ])
        #expect(usage["candidatesTokenCount"] == 12)
        #expect(usage["trafficType"] == "ON_DEMAND")
    }

    @Test func functionCallIDsAreUUIDsInNameArgsIdOrder() throws {
        var (session, _) = Self.session()
        guard case .startReply(let request)? = session.receive(Array(#"{"realtimeInput":{"text":"hi"}}"#.utf8)).last
        else {
            Issue.record("no reply")
            return
        }
        let script = try EmulatorScript(
            json: Array(#"{"rules":[{"reply":[{"toolCall":{"name":"get_time","args":{"zone":"UTC"}}}]}]}"#.utf8))
        var playback = ManualPlayback(ReplyPlayer(request: request, script: script, usedRules: []))
        playback.deliver(.start)
        playback.run()
        let message = try #require(playback.sent.last?.message)
        let call = try #require(try Self.frame(message)["toolCall"]?["functionCalls"]?[0])
        #expect(WireShapeTests.keys(call) == ["name", "args", "id"])
        let id = try #require(call["id"]?.stringValue)
        #expect(id.wholeMatch(of: Self.uuid) != nil, "\(id)")
        #expect(id == WireDialect.vertexAI.functionCallID(turn: 1, call: 1), "the same every time for a turn")
        #expect(session.replyOutput(turn: 1, message: message) == [.send(message)])
        // Vertex AI takes a tool response without an id: the call waiting under that name is answered.
        let answer = session.receive(
            Array(#"{"toolResponse":{"functionResponses":[{"name":"get_time","response":{"output":"noon"}}]}}"#.utf8))
        #expect(
            answer == [
                .deliverToolResponse(
                    turn: 1, response: FunctionResponse(id: id, name: "get_time", response: ["output": "noon"]))
            ])
    }

    @Test func theGeminiAPIIgnoresAToolResponseWithoutAnID() throws {
        var session = EmulatedSession(options: SessionOptions())
        _ = session.receive(Array(#"{"setup":{"model":"models/gemini-3.8-live"}}"#.utf8))
        _ = session.receive(Array(#"{"realtimeInput":{"text":"hi"}}"#.utf8))
        let call = FunctionCall(id: "function-call-1", name: "get_time", args: [:])
        let message = ServerMessage(.toolCall(ToolCall(functionCalls: [call])))
        #expect(session.replyOutput(turn: 1, message: message) == [.send(message)])
        let bare = #"{"toolResponse":{"functionResponses":[{"name":"get_time","response":{}}]}}"#
        #expect(session.receive(Array(bare.utf8)).isEmpty)
    }
}
