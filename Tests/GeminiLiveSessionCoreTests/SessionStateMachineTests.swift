import GeminiLiveProtocol
import GeminiLiveSessionCore

import Testing

@Suite("session state machine")
struct SessionStateMachineTests {
    @Test("setup goes first with sessionResumption; input waits for setupComplete")
    func setupFirst() {
        var session = SessionHarness()
        let setups = SessionHarness.setups(session.actions)
        #expect(setups.count == 1)
        #expect(setups[0].sessionResumption == SessionResumptionConfig())
        session.send(.connected(connection: 1))
        #expect(session.client("early").isEmpty)
        let actions = session.server(["setupComplete": [:]])
        #expect(actions.first == .writeStdout(Array(#"{"setupComplete":{}}"#.utf8)))
        #expect(SessionHarness.sentTexts(actions) == ["early"])
        #expect(SessionHarness.sentTexts(session.client("later")) == ["later"])
    }

    @Test("every server message becomes one stdout line, in order")
    func serverMessagesWritten() {
        var session = SessionHarness()
        session.establish()
        let actions = session.server(["serverContent": ["modelTurn": ["parts": [["text": "hi"]]]]])
        #expect(actions == [.writeStdout(Array(#"{"serverContent":{"modelTurn":{"parts":[{"text":"hi"}]}}}"#.utf8))])
        let empty = session.send(.serverMessage(connection: 1, ServerFrame(line: Array("{}".utf8), message: nil)))
        #expect(empty == [.writeStdout(Array("{}".utf8))])
    }

    @Test("goAway: pause, wait for a fresh handle, close, resume with it, send what waited")
    func goAwayHandoff() {
        var session = SessionHarness()
        session.establish()
        session.client("a")
        session.turnComplete()
        session.clock.advance(by: .seconds(3))
        session.handleUpdate("h1")
        session.server(["goAway": ["timeLeft": "50s"]])
        #expect(session.machine.phase == .pausedForGoAway)
        #expect(session.client("b").isEmpty)
        #expect(session.timers[.handleWait]?.1 == .seconds(10))
        let closing = session.handleUpdate("h2")
        #expect(SessionHarness.closes(closing) == [1000])
        let reconnect = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        #expect(SessionHarness.setups(reconnect).map { $0.sessionResumption?.handle } == ["h2"])
        let resumed = session.establish()
        #expect(resumed.first == .writeStdout(Array(#"{"setupComplete":{}}"#.utf8)))
        #expect(SessionHarness.sentTexts(resumed) == ["b"])
        #expect(session.machine.connection == 2)
    }

    @Test("goAway without a fresh handle in time resumes from the latest one")
    func goAwayHandleWaitTimesOut() {
        var session = SessionHarness()
        session.establish()
        session.handleUpdate("h1")
        session.server(["goAway": ["timeLeft": "3s"]])
        #expect(session.timers[.handleWait]?.1 == .seconds(2))
        session.server(["sessionResumptionUpdate": ["newHandle": "", "resumable": false]])
        #expect(session.machine.phase == .pausedForGoAway)
        let closing = session.fire(.handleWait)
        #expect(SessionHarness.closes(closing) == [1000])
        let reconnect = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        #expect(SessionHarness.setups(reconnect).first?.sessionResumption?.handle == "h1")
    }

    @Test("a tool response still goes out while paused for goAway")
    func toolResponseDuringPause() {
        var session = SessionHarness()
        session.establish()
        session.server(["toolCall": ["functionCalls": [["id": "c1", "name": "f"]]]])
        session.server(["goAway": ["timeLeft": "50s"]])
        #expect(session.client("audio").isEmpty)
        #expect(SessionHarness.sentTexts(session.toolResponse("c1")) == ["tool"])
    }

    @Test("an abrupt drop mid-stream reconnects with the handle and re-sends what it did not cover")
    func dropMidStream() {
        var session = SessionHarness()
        session.establish()
        session.client("a")
        session.turnComplete()
        session.clock.advance(by: .seconds(3))
        session.handleUpdate("h1")
        session.client("b")
        session.client("c")
        let dropped = session.send(.socketDropped(connection: 1, reason: "connection reset"))
        #expect(session.machine.phase == .waitingToReconnect)
        #expect(dropped.contains { if case .report(let text, true) = $0 { text.contains("reset") } else { false } })
        #expect(session.timers[.backoff]?.1 == .milliseconds(250))
        session.client("d")
        let reconnect = session.fire(.backoff)
        #expect(SessionHarness.setups(reconnect).first?.sessionResumption?.handle == "h1")
        #expect(SessionHarness.sentTexts(session.establish()) == ["b", "c", "d"])
    }

    @Test("1011 is retried with growing backoff; after the last retry the exit is 'unavailable' with code and reason")
    func retriesExhausted() {
        var session = SessionHarness { $0.maxRetries = 3 }
        session.establish()
        var delays: [Duration] = []
        for attempt in 1...3 {
            session.send(.socketClosed(connection: attempt, code: 1011, reason: "Internal error occurred."))
            delays.append(session.timers[.backoff]!.1)
            session.fire(.backoff)
            session.establish()
        }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1)])
        let last = session.send(.socketClosed(connection: 4, code: 1011, reason: "Internal error occurred."))
        let exits = SessionHarness.exits(last)
        #expect(exits.count == 1)
        #expect(exits.first?.category == .unavailable)
        #expect(exits.first?.message?.contains("1011") == true)
        #expect(exits.first?.message?.contains("Internal error occurred.") == true)
        #expect(exits.first?.message?.contains("giving up after 4 attempts") == true)
    }

    @Test("progress (a turn or a handle) resets the retry count")
    func progressResetsRetries() {
        var session = SessionHarness { $0.maxRetries = 1 }
        session.establish()
        for attempt in 1...4 {
            session.send(.socketClosed(connection: attempt, code: 1011, reason: "Internal error occurred."))
            #expect(session.machine.phase == .waitingToReconnect)
            session.fire(.backoff)
            session.establish()
            session.handleUpdate("h\(attempt)")
        }
    }

    @Test(
        "bad request, not found and auth closes end at once with their outcome",
        arguments: [
            (1007, "Request contains an invalid argument.", ToolErrorCategory.protocolError),
            (1008, "models/x is not found for API version v1", .configuration),
            (1008, "BidiGenerateContent session not found", .configuration),
            (1007, "API key expired. Please renew the API key.", .permission),
            (1011, "Token has been used too many times", .permission),
            (1011, "You exceeded your current quota", .unavailable),
        ])
    func fatalCloses(code: Int, reason: String, kind: ToolErrorCategory) {
        var session = SessionHarness()
        session.establish()
        let actions = session.send(.socketClosed(connection: 1, code: code, reason: reason))
        let exits = SessionHarness.exits(actions)
        #expect(exits.map(\.category) == [kind])
        #expect(exits.first?.message?.contains("\(code)") == true)
        #expect(exits.first?.message?.contains(reason) == true)
        #expect(session.machine.phase == .finished)
    }

    @Test("a rejected setup (close before setupComplete) is not retried")
    func setupRejected() {
        var session = SessionHarness()
        session.send(.connected(connection: 1))
        let actions = session.send(
            .socketClosed(connection: 1, code: 1007, reason: "Cannot extract voices from a non-audio request."))
        #expect(SessionHarness.exits(actions).map(\.category) == [.protocolError])
    }

    @Test("lastConsumedClientMessageIndex: exactly the messages after it are re-sent")
    func consumedIndexExact() {
        var session = SessionHarness()
        session.establish()
        for text in ["m0", "m1", "m2", "m3"] { session.client(text) }
        session.handleUpdate("h1", consumed: 1)
        #expect(session.machine.bufferedMessages == 2)
        session.send(.socketDropped(connection: 1, reason: "reset"))
        session.fire(.backoff)
        let resent = session.establish()
        #expect(SessionHarness.sentTexts(resent) == ["m2", "m3"])
        // Indices now count from the new connection: m2 is 0, m3 is 1, m4 is 2.
        session.client("m4")
        session.handleUpdate("h2", consumed: 1)
        session.send(
            .socketClosed(connection: 2, code: 1011, reason: "Deadline expired before operation could complete."))
        session.fire(.backoff)
        #expect(SessionHarness.sentTexts(session.establish()) == ["m4"])
    }

    @Test("without the index a handle covers only what was sent over 2 s before it; the rest is re-sent")
    func inFlightMarginCoverage() {
        var session = SessionHarness()
        session.establish()
        session.client("q1")
        session.turnComplete()
        session.clock.advance(by: .seconds(3))
        session.client("q2")
        session.turnComplete()
        session.clock.advance(by: .seconds(1))
        session.client("q3")
        session.handleUpdate("h1")
        #expect(session.machine.bufferedMessages == 2)
        session.send(.socketDropped(connection: 1, reason: "reset"))
        session.fire(.backoff)
        #expect(SessionHarness.sentTexts(session.establish()) == ["q2", "q3"])
    }

    @Test("end of input after a burst of questions waits for as many turns as questions")
    func eofAfterBurst() {
        var session = SessionHarness()
        session.establish()
        for text in ["one", "two", "three"] { session.client(text, triggersTurn: true) }
        session.send(.stdinEOF)
        #expect(SessionHarness.closes(session.turnComplete()).isEmpty)
        #expect(SessionHarness.closes(session.turnComplete()).isEmpty)
        #expect(SessionHarness.closes(session.turnComplete()) == [1000])
    }

    @Test("an interrupted turn does not answer the input that cut it in: the session waits for that input's turn")
    func interruptedTurnAnswersNothing() {
        var session = SessionHarness()
        session.establish()
        // A recording (its turn starts when the server hears the end of speech), then a text prompt that
        // interrupts the answer to the recording: the batch script's --prompt.
        session.client("speech")
        session.client("prompt", triggersTurn: true)
        session.send(.stdinEOF)
        session.server(["serverContent": ["interrupted": true]])
        #expect(SessionHarness.closes(session.turnComplete()).isEmpty)
        #expect(session.machine.phase == .streaming)
        #expect(session.timers[.idle] != nil)
        session.server(["serverContent": ["modelTurn": ["parts": [["text": "answer to the prompt"]]]]])
        #expect(SessionHarness.closes(session.turnComplete()) == [1000])
        #expect(session.machine.turnsCompleted == 2)
    }

    @Test("interrupted and turnComplete in one message answer nothing either")
    func interruptedTurnInOneMessage() {
        var session = SessionHarness()
        session.establish()
        session.client("prompt", triggersTurn: true)
        session.send(.stdinEOF)
        let cut = session.server(["serverContent": ["interrupted": true, "turnComplete": true]])
        #expect(SessionHarness.closes(cut).isEmpty)
        #expect(SessionHarness.closes(session.turnComplete()) == [1000])
    }

    @Test("a refused TEXT modality ends at once with 76, naming --modality text and --transcribe output")
    func refusedTextModality() {
        let text: (inout SessionPolicy) -> Void = {
            $0.setup.generationConfig = GenerationConfig(responseModalities: ["TEXT"])
        }
        var native = SessionHarness(text)
        native.send(.connected(connection: 1))
        let refused = native.send(
            .socketClosed(connection: 1, code: 1007, reason: "Cannot extract voices from a non-audio request."))
        #expect(SessionHarness.exits(refused).map(\.category) == [.protocolError])
        #expect(SessionHarness.exits(refused).first?.message?.contains("drop --modality text") == true)
        #expect(SessionHarness.exits(refused).first?.message?.contains("--transcribe output") == true)

        // gemini-3.1's refusal is a 1011 before setupComplete: not a fault to retry.
        var preview = SessionHarness(text)
        preview.send(.connected(connection: 1))
        let bare = preview.send(.socketClosed(connection: 1, code: 1011, reason: "Internal error encountered."))
        #expect(SessionHarness.exits(bare).map(\.category) == [.protocolError])
        #expect(preview.timers[.backoff] == nil)

        // The same 1011 for an AUDIO setup, or after setupComplete, stays a fault that is retried.
        var audio = SessionHarness()
        audio.send(.connected(connection: 1))
        #expect(SessionHarness.exits(audio.send(.socketClosed(connection: 1, code: 1011, reason: "x"))).isEmpty)
        var established = SessionHarness(text)
        established.establish()
        #expect(SessionHarness.exits(established.send(.socketClosed(connection: 1, code: 1011, reason: "x"))).isEmpty)
    }

    @Test("a handle with resumable false or an empty handle is not kept")
    func unusableHandles() {
        var session = SessionHarness()
        session.establish()
        session.handleUpdate("h1")
        session.server(["sessionResumptionUpdate": ["newHandle": "", "resumable": false]])
        session.server(["sessionResumptionUpdate": ["newHandle": "h-busy", "resumable": false]])
        #expect(session.machine.handle == "h1")
    }

    @Test("end of input waits for the turnComplete after the last input, then closes 1000 and exits 0")
    func eofWaitsForTurnComplete() {
        var session = SessionHarness()
        session.establish()
        session.client("question")
        #expect(session.send(.stdinEOF).allSatisfy { if case .startTimer = $0 { true } else { false } })
        session.server(["serverContent": ["modelTurn": ["parts": [["text": "answer"]]]]])
        let closing = session.turnComplete()
        #expect(SessionHarness.closes(closing) == [1000])
        let done = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        #expect(SessionHarness.exits(done) == [.success])
    }

    @Test("end of input with nothing sent ends right after setupComplete")
    func eofWithoutInput() {
        var session = SessionHarness()
        session.send(.stdinEOF)
        let actions = session.establish()
        #expect(SessionHarness.closes(actions) == [1000])
    }

    @Test("end of input without an answer ends after --idle-timeout of server silence")
    func idleTimeout() {
        var session = SessionHarness { $0.idleTimeout = .seconds(5) }
        session.establish()
        session.client("audio without end of speech")
        session.send(.stdinEOF)
        session.clock.advance(by: .seconds(3))
        session.server(["serverContent": ["inputTranscription": ["text": "audio"]]])
        let early = session.fire(.idle, advancing: .seconds(2))
        #expect(SessionHarness.closes(early).isEmpty)
        #expect(session.timers[.idle]?.1 == .seconds(3))
        let closing = session.fire(.idle)
        #expect(SessionHarness.closes(closing) == [1000])
    }

    @Test("--turns N ends after N completed turns even while input continues")
    func turnsLimit() {
        var session = SessionHarness { $0.turns = 2 }
        session.establish()
        session.client("one")
        #expect(SessionHarness.closes(session.turnComplete()).isEmpty)
        session.client("two")
        #expect(SessionHarness.closes(session.turnComplete()) == [1000])
        #expect(session.client("three").isEmpty)
        #expect(SessionHarness.exits(session.fire(.close)) == [.success])
    }

    @Test("connect timeout: retried, then the exit says 'timeout'")
    func connectTimeout() {
        var session = SessionHarness {
            $0.maxRetries = 1
            $0.connectTimeout = .seconds(2)
        }
        let first = session.fire(.setup)
        #expect(first.first == .abortConnection(connection: 1))
        session.fire(.backoff)
        session.send(.connected(connection: 2))
        let last = session.fire(.setup)
        let exits = SessionHarness.exits(last)
        #expect(exits.map(\.category) == [.timeout])
        #expect(exits.first?.message?.contains("no setupComplete within 2 s") == true)
    }

    @Test("a refused connection (the upgrade answered 403) is not retried")
    func connectRefused() {
        var session = SessionHarness()
        let actions = session.send(.connectRefused(connection: 1, reason: "HTTP 403 Forbidden", kind: .permission))
        #expect(SessionHarness.exits(actions).map(\.category) == [.permission])
        #expect(session.timers[.backoff] == nil)
    }

    @Test("after a drop, an answer to a call newer than the handle is not re-sent; one the handle knows is")
    func answersToUnknownCalls() {
        var session = SessionHarness()
        session.establish()
        session.server(["toolCall": ["functionCalls": [["id": "old", "name": "f"]]]])
        session.toolResponse("old")
        session.clock.advance(by: .seconds(1))
        session.handleUpdate("h1")
        session.server(["toolCall": ["functionCalls": [["id": "new", "name": "f"]]]])
        session.toolResponse("new")
        session.send(.socketDropped(connection: 1, reason: "reset"))
        session.fire(.backoff)
        let resumed = session.establish()
        #expect(SessionHarness.sentTexts(resumed) == ["tool"])
        #expect(
            resumed.contains {
                if case .report(let text, true) = $0 { text.contains("tool call new") } else { false }
            })
    }

    @Test("events from an old connection are ignored")
    func staleEvents() {
        var session = SessionHarness()
        session.establish()
        session.send(.socketDropped(connection: 1, reason: "reset"))
        session.fire(.backoff)
        #expect(session.send(.socketClosed(connection: 1, code: 1007, reason: "late")).isEmpty)
        #expect(session.machine.phase == .connecting)
    }

    @Test("the buffer is bounded: input pauses while disconnected and full; while streaming the oldest sent go")
    func bufferBound() {
        var session = SessionHarness { $0.bufferLimit = 100 }
        session.establish()
        for index in 0..<10 { session.client("message \(index)") }
        #expect(session.machine.bufferedBytes <= 100)
        session.send(.socketDropped(connection: 1, reason: "reset"))
        var held = 0
        while session.machine.acceptsInput, held < 100 {
            session.client("held \(held)")
            held += 1
        }
        #expect(held > 0 && held < 100)
        #expect(session.machine.acceptsInput == false)
        session.fire(.backoff)
        let resumed = session.establish()
        #expect(
            resumed.contains {
                if case .report(let text, _) = $0 { text.contains("exceeded the buffer") } else { false }
            })
        #expect(session.machine.acceptsInput)
    }

    @Test("with resumption off a drop after setup ends the session")
    func resumptionOff() {
        var session = SessionHarness { $0.resumption = false }
        #expect(SessionHarness.setups(session.actions).first?.sessionResumption == nil)
        session.establish()
        let actions = session.send(.socketDropped(connection: 1, reason: "reset"))
        #expect(SessionHarness.exits(actions).map(\.category) == [.unavailable])
    }

    @Test("stdout closing ends the session quietly with a clean close")
    func outputClosed() {
        var session = SessionHarness()
        session.establish()
        #expect(SessionHarness.closes(session.send(.outputClosed)) == [1000])
        #expect(
            session.server(["serverContent": ["turnComplete": true]]).allSatisfy {
                if case .writeStdout = $0 { false } else { true }
            })
    }
}
