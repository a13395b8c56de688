import GeminiLiveDecoder
import GeminiLiveProtocol
import Testing

/// A turn ends when the service says so, and every report says when the input stopped short of that.
@Suite("decoder: turn endings")
struct TurnEndingTests {
    @Test("input that ends mid-turn: an incomplete event naming the last line, never 'turn complete'")
    func inputEndsMidTurn() throws {
        let run = try DecodeRun(
            "{\"setupComplete\":{}}\n{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"a\"}]}}}\n\n")
        let events = run.events.split(separator: "\n")
        #expect(events.last == "line 2  turn 1  incomplete: input ended before turnComplete")
        #expect(!run.events.contains("turn complete"))
        #expect(!run.events.contains("line 0"))
        #expect(run.json.count == 1 && run.json[0].contains("\"incomplete\":true"))
        #expect(run.transcript.contains("model: a [incomplete]\n"))
        #expect(run.text == "a\n")
    }

    @Test("one line of input")
    func oneLine() throws {
        let run = try DecodeRun("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"a\"}]}}}\n")
        #expect(
            run.events == "line 1  turn 1  serverContent  text 1 chars\n"
                + "line 1  turn 1  incomplete: input ended before turnComplete\n")
    }

    @Test("a completed stream has no incomplete event")
    func completed() throws {
        let run = try DecodeRun(
            "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"a\"}]}}}\n{\"serverContent\":{\"turnComplete\":true}}\n"
        )
        #expect(!run.events.contains("incomplete"))
        #expect(run.events.hasSuffix("line 2  turn 1  serverContent  turn complete\n"))
        #expect(!run.json[0].contains("incomplete"))
    }

    static let thinking = [
        "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"Let me check.\"}]}}}",
        "{\"serverContent\":{\"turnComplete\":true,\"interactionStatus\":\"IN_PROGRESS\"}}",
        "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\" It is 21 degrees.\"}]}}}",
        "{\"serverContent\":{\"turnComplete\":true,\"interactionStatus\":\"IDLE\"}}",
    ]

    @Test("turnComplete while IN_PROGRESS goes on; IDLE ends the turn; the status is shown")
    func interactionStatus() throws {
        let run = try DecodeRun(Self.thinking.joined(separator: "\n") + "\n")
        #expect(run.statistics.turns == 1)
        #expect(run.json.count == 1)
        #expect(run.json[0].contains("\"text\":\"Let me check. It is 21 degrees.\""))
        #expect(run.json[0].contains("\"interactionStatus\":\"IDLE\""))
        #expect(run.text == "Let me check. It is 21 degrees.\n")
        let events = run.events.split(separator: "\n")
        #expect(events[1] == "line 2  turn 1  serverContent  turnComplete, turn goes on  status IN_PROGRESS")
        #expect(events[3] == "line 4  turn 1  serverContent  turn complete  status IDLE")
    }

    @Test("input that ends while IN_PROGRESS is incomplete, waiting for IDLE")
    func endsInProgress() throws {
        let run = try DecodeRun(Self.thinking[0...1].joined(separator: "\n") + "\n")
        #expect(
            run.events.hasSuffix(
                "line 2  turn 1  incomplete: input ended before interactionStatus IDLE (still IN_PROGRESS)\n"))
        #expect(run.json.count == 1 && run.json[0].contains("\"incomplete\":true"))
        #expect(run.json[0].contains("\"interactionStatus\":\"IN_PROGRESS\""))
    }

    @Test("the deprecated REQUIRES_ACTION ends a turn like IDLE")
    func requiresAction() {
        var assembler = TurnAssembler()
        let message = try! ServerMessage(
            json: JSONParser.parse(
                Array("{\"serverContent\":{\"turnComplete\":true,\"interactionStatus\":\"REQUIRES_ACTION\"}}".utf8)))
        let events = assembler.consume(message)
        #expect(events.contains { if case .turnEnded = $0 { true } else { false } })
    }
}
