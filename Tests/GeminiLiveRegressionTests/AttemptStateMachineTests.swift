import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct AttemptStateMachineTests {
    static let location = FileLocation(file: "s.yaml", line: 1, column: 1)

    @Test func opensWithTheSetupAndSendsNothingBeforeSetupComplete() {
        var harness = AttemptHarness([AttemptHarness.text("hi")])
        #expect(harness.actions == [.connect(Setup(model: "models/m"))])
        #expect(harness.sent.isEmpty)
        harness.ready()
        #expect(harness.sent.count == 1)
    }

    @Test func sendsEachTurnAfterThePreviousReplyAndClosesAfterTheLast() {
        var harness = AttemptHarness([AttemptHarness.text("one"), AttemptHarness.text("two")])
        harness.ready()
        #expect(harness.sent.count == 1)
        harness.server(AttemptHarness.audio)
        #expect(harness.sent.count == 1, "the second turn waits for the first reply to complete")
        harness.server(AttemptHarness.turnComplete)
        #expect(harness.sent.count == 2)
        #expect(harness.sent[1].contains("two"))
        #expect(!harness.closed)
        harness.server(AttemptHarness.turnComplete)
        #expect(harness.closed)
        #expect(harness.machine.statuses == [.answered, .answered])
        harness.send(.sessionEnded)
        #expect(harness.machine.phase == .finished)
    }

    @Test func turnsThatAwaitNoReplyAreSentTogetherWithTheTurnThatDoes() {
        let start = PreparedTurn(
            messages: [ClientMessage(.realtimeInput(RealtimeInput(activityStart: true)))], awaitsReply: false)
        let end = PreparedTurn(
            messages: [ClientMessage(.realtimeInput(RealtimeInput(activityEnd: true)))], awaitsReply: true)
        var harness = AttemptHarness([start, end])
        harness.ready()
        #expect(harness.sent.count == 2)
        #expect(!harness.closed)
        harness.server(AttemptHarness.turnComplete)
        #expect(harness.closed)
    }

    @Test func aStaticToolResponseEchoesTheCallID() {
        let canned = CannedToolResponse(
            function: "get_weather", rule: .fixed(["temperature_c": 21]), location: Self.location)
        var harness = AttemptHarness([AttemptHarness.text("weather?")], toolResponses: [canned])
        harness.ready()
        harness.server([
            "toolCall": ["functionCalls": [["id": "c1", "name": "get_weather", "args": ["city": "Paris"]]]]
        ])
        #expect(
            harness.sent.last
                == #"{"toolResponse":{"functionResponses":[{"id":"c1","name":"get_weather","response":{"temperature_c":21}}]}}"#
        )
    }

    @Test func aWhenListAnswersWithTheFirstCaseWhoseArgumentsAreASubset() {
        let canned = CannedToolResponse(
            function: "get_weather",
            rule: .cases([
                .init(when: ["city": "Paris"], result: ["sky": "sunny"]),
                .init(when: nil, result: ["sky": "unknown"]),
            ]), location: Self.location)
        var harness = AttemptHarness([AttemptHarness.text("weather?")], toolResponses: [canned])
        harness.ready()
        harness.server(
            [
                "toolCall": [
                    "functionCalls": [["id": "a", "name": "get_weather", "args": ["city": "Paris", "unit": "C"]]]
                ]
            ]
        )
        #expect(harness.sent.last?.contains(#""id":"a""#) == true)
        #expect(harness.sent.last?.contains("sunny") == true)
        harness.server(["toolCall": ["functionCalls": [["id": "b", "name": "get_weather", "args": ["city": "Rome"]]]]])
        #expect(harness.sent.last?.contains(#""id":"b""#) == true)
        #expect(harness.sent.last?.contains("unknown") == true)
    }

    @Test func aCommandToolResponseIsRunAndItsResultSentUnlessTheCallWasCancelled() {
        let canned = CannedToolResponse(function: "lookup", rule: .command("./lookup.sh"), location: Self.location)
        var harness = AttemptHarness([AttemptHarness.text("look it up")], toolResponses: [canned])
        harness.ready()
        let call = FunctionCall(id: "c7", name: "lookup", args: ["q": "x"])
        harness.server(["toolCall": ["functionCalls": [call.json]]])
        #expect(harness.actions.last == .runToolCommand("./lookup.sh", call: call))
        let before = harness.sent.count
        harness.send(.toolCommandFinished(call: call, response: "plain"))
        #expect(harness.sent.count == before + 1)
        #expect(harness.sent.last?.contains(#""id":"c7""#) == true)
        #expect(harness.sent.last?.contains(#""response":{"result":"plain"}"#) == true, "a non-object is wrapped")

        let cancelled = FunctionCall(id: "c8", name: "lookup", args: [:])
        harness.server(["toolCall": ["functionCalls": [cancelled.json]]])
        harness.server(["toolCallCancellation": ["ids": ["c8"]]])
        let count = harness.sent.count
        harness.send(.toolCommandFinished(call: cancelled, response: ["late": true]))
        #expect(harness.sent.count == count)
    }

    @Test func aCallWithoutCannedResponseGetsAnErrorResultAndAReport() {
        var harness = AttemptHarness([AttemptHarness.text("hi")])
        harness.ready()
        let produced = harness.server(["toolCall": ["functionCalls": [["id": "z", "name": "unknown_fn"]]]])
        #expect(produced.contains(.report("no tool_responses entry for unknown_fn")))
        #expect(harness.sent.last?.contains(#""error":"no tool_responses entry for unknown_fn""#) == true)
    }

    @Test func aBargeInIsSentTheGivenDelayAfterTheMomentOfTheReplyInProgress() {
        let bargeIn = AttemptHarness.text("stop", start: .init(after: .firstAudio, delayMilliseconds: 800))
        var harness = AttemptHarness([AttemptHarness.text("tell a story"), bargeIn])
        harness.ready()
        harness.advance(by: .milliseconds(500))
        #expect(harness.sent.count == 1, "no audio yet: the barge-in waits")
        harness.server(AttemptHarness.audio)
        #expect(harness.timers.contains { $0.timer.kind == .startDelay && $0.timer.turn == 1 })
        harness.advance(by: .milliseconds(799))
        #expect(harness.sent.count == 1)
        harness.server(AttemptHarness.audio)
        harness.advance(by: .milliseconds(1))
        #expect(harness.sent.count == 2, "sent 800 ms after the first audio, while the reply is still arriving")
        #expect(harness.machine.awaiting == 1)
        // The cut reply ends first; its turnComplete does not complete the barge-in's reply.
        harness.server(AttemptHarness.interrupted)
        harness.server(AttemptHarness.turnComplete)
        #expect(!harness.closed)
        harness.server(AttemptHarness.audio)
        harness.server(AttemptHarness.turnComplete)
        #expect(harness.closed)
        #expect(harness.machine.statuses == [.sent, .answered])
    }

    @Test func aBargeInWhoseMomentNeverComesIsSentAfterTheReply() {
        let bargeIn = AttemptHarness.text("stop", start: .init(after: .firstAudio, delayMilliseconds: 100))
        var harness = AttemptHarness([AttemptHarness.text("go"), bargeIn])
        harness.ready()
        // The first reply has no audio at all: the barge-in cannot happen, so it is sent after the reply.
        harness.server(["serverContent": ["modelTurn": ["parts": [["text": "hello"]]]]])
        #expect(harness.sent.count == 1)
        let produced = harness.server(AttemptHarness.turnComplete)
        #expect(harness.sent.count == 2)
        #expect(produced.contains { if case .report = $0 { true } else { false } })
    }

    @Test func contentAfterInterruptedBeginsTheNewReplyWhenTheCutOneNeverCompletes() {
        let bargeIn = AttemptHarness.text("stop", start: .init(after: .firstAudio))
        var harness = AttemptHarness([AttemptHarness.text("story"), bargeIn])
        harness.ready()
        harness.server(AttemptHarness.audio)
        #expect(harness.sent.count == 2)
        harness.server(AttemptHarness.interrupted)
        harness.server(AttemptHarness.audio)
        harness.server(AttemptHarness.turnComplete)
        #expect(harness.closed)
    }

    @Test func aReplyThatDoesNotCompleteInTimeStopsTheAttempt() {
        var harness = AttemptHarness(
            [AttemptHarness.text("one"), AttemptHarness.text("two")], timeout: .seconds(5))
        harness.ready()
        harness.server(AttemptHarness.audio)
        harness.advance(by: .milliseconds(4999))
        #expect(!harness.closed)
        harness.advance(by: .milliseconds(1))
        #expect(harness.closed)
        #expect(harness.machine.statuses == [.timedOut, .notRun])
        #expect(harness.sent.count == 1)
    }

    @Test func aToolResponseRestartsTheReplyTimeout() {
        let canned = CannedToolResponse(function: "f", rule: .fixed(["ok": true]), location: Self.location)
        var harness = AttemptHarness([AttemptHarness.text("go")], toolResponses: [canned], timeout: .seconds(5))
        harness.ready()
        harness.advance(by: .seconds(4))
        harness.server(["toolCall": ["functionCalls": [["id": "1", "name": "f"]]]])
        harness.advance(by: .seconds(4))
        #expect(!harness.closed, "the timeout counts from the tool response, not from the input")
        harness.advance(by: .seconds(1))
        #expect(harness.closed)
        #expect(harness.machine.statuses == [.timedOut])
    }

    @Test func aTurnAfterSetupCompleteWaitsItsDelay() {
        let first = AttemptHarness.text("hi", start: .init(after: .setupComplete, delayMilliseconds: 250))
        var harness = AttemptHarness([first])
        harness.ready()
        #expect(harness.sent.isEmpty)
        harness.advance(by: .milliseconds(250))
        #expect(harness.sent.count == 1)
    }

    @Test func theSessionEndingEarlyLeavesLaterTurnsNotRun() {
        var harness = AttemptHarness([AttemptHarness.text("one"), AttemptHarness.text("two")])
        harness.ready()
        harness.send(.sessionEnded)
        #expect(harness.machine.statuses == [.sent, .notRun])
        #expect(harness.advance(by: .seconds(60)).isEmpty)
    }

    @Test func scenarioTurnsMapToTheRecordedTurnOfTheirGroup() throws {
        let yaml = """
            setup: {vad: manual}
            turns:
              - activity_start
              - audio: q.wav
              - activity_end
              - text: hi
              - silence_ms: 100
            """
        let scenario = try Scenario(yaml: yaml, path: "s.yaml")
        #expect(scenario.recordedTurnIndices == [0, 0, 0, 1, 2])
    }
}
