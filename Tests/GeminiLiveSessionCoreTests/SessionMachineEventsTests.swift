import GeminiLiveProtocol
import GeminiLiveSessionCore
import Testing

/// The rules that used to live in the driver and transport, now events and actions of the machine: unreadable
/// frames, tool commands, TLS failures, bad input lines, and the end-of-input drain on `interactionStatus`.
@Suite("session state machine: frames, tools, TLS and the drain")
struct SessionMachineEventsTests {
    static func reports(_ actions: [SessionAction]) -> [(String, Bool)] {
        actions.compactMap { action in
            guard case .report(let text, let important) = action else { return nil }
            return (text, important)
        }
    }

    static func toolRuns(_ actions: [SessionAction]) -> [FunctionCall] {
        actions.compactMap { action in
            guard case .runToolCommand(let call) = action else { return nil }
            return call
        }
    }

    @Test("a frame that is not JSON: one line on stderr with its size, nothing on stdout, the session goes on")
    func unreadableFrame() {
        var session = SessionHarness()
        session.establish()
        let actions = session.send(.unreadableServerFrame(connection: 1, byteCount: 17))
        #expect(actions.count == 1)
        let report = Self.reports(actions).first
        #expect(report?.0 == "connection 1: a server frame that is not JSON (17 bytes) was skipped")
        #expect(report?.1 == true)
        #expect(session.machine.phase == .streaming)
        #expect(session.send(.unreadableServerFrame(connection: 9, byteCount: 1)).isEmpty, "another connection's")
    }

    @Test("a skipped input line is reported by the machine, with its source and line")
    func badInputLine() {
        var session = SessionHarness()
        let actions = session.send(.badInputLine("stdin:3: not JSON"))
        #expect(Self.reports(actions).map(\.0) == ["stdin:3: not JSON; line skipped"])
    }

    @Test("tool calls under --on-tool-call: one command per call with an id, its answer sent as a toolResponse")
    func toolDispatch() throws {
        var session = SessionHarness { $0.runsToolCommands = true }
        session.establish()
        let actions = session.server([
            "toolCall": ["functionCalls": [["id": "c1", "name": "lookup", "args": ["q": "x"]], ["name": "anonymous"]]]
        ])
        #expect(Self.toolRuns(actions).map(\.id) == ["c1"])
        #expect(
            Self.reports(actions).contains { $0.0 == "a toolCall without an id cannot be answered; skipped" && $0.1 })
        let answered = session.send(
            .toolCommandFinished(id: "c1", name: "lookup", status: 0, output: Array(#"{"temp":21}"#.utf8)))
        let frame = try #require(
            answered.compactMap { action -> JSONValue? in
                guard case .send(_, let frame) = action else { return nil }
                return try? JSONParser.parse(frame)
            }.first)
        let response = frame["toolResponse"]?["functionResponses"]?[0]
        #expect(response?["id"] == "c1")
        #expect(response?["name"] == "lookup")
        #expect(response?["response"]?["temp"] == 21)
        #expect(session.send(.toolCommandFinished(id: "c1", name: "lookup", status: 0, output: [])).isEmpty, "once")
    }

    @Test("a failing command answers with an error and says so; plain text becomes {output}")
    func toolFailureAndText() throws {
        var session = SessionHarness { $0.runsToolCommands = true }
        session.establish()
        session.server(["toolCall": ["functionCalls": [["id": "a", "name": "f"], ["id": "b", "name": "g"]]]])
        let failed = session.send(.toolCommandFinished(id: "a", name: "f", status: 3, output: []))
        #expect(Self.reports(failed).contains { $0.0 == "--on-tool-call for a exited with status 3" && $0.1 })
        let texts = session.send(.toolCommandFinished(id: "b", name: "g", status: 0, output: Array("sunny\n".utf8)))
        let frames = (failed + texts).compactMap { action -> JSONValue? in
            guard case .send(_, let frame) = action else { return nil }
            return try? JSONParser.parse(frame)
        }
        #expect(
            frames.map { $0["toolResponse"]?["functionResponses"]?[0]?["response"] } == [
                ["error": "--on-tool-call command exited with status 3"], ["output": "sunny"],
            ])
    }

    @Test("a call cancelled while its command runs is not answered")
    func cancelledCall() {
        var session = SessionHarness { $0.runsToolCommands = true }
        session.establish()
        session.server(["toolCall": ["functionCalls": [["id": "c1", "name": "f"]]]])
        session.server(["toolCallCancellation": ["ids": ["c1"]]])
        let actions = session.send(.toolCommandFinished(id: "c1", name: "f", status: 0, output: Array("{}".utf8)))
        #expect(!actions.contains { if case .send = $0 { true } else { false } })
        #expect(Self.reports(actions).map(\.0) == ["tool call c1 was cancelled; its answer is not sent"])
    }

    @Test("without --on-tool-call no command runs: the input answers tool calls")
    func noToolCommand() {
        var session = SessionHarness()
        session.establish()
        #expect(Self.toolRuns(session.server(["toolCall": ["functionCalls": [["id": "c1", "name": "f"]]]])).isEmpty)
    }

    @Test("an untrusted certificate ends the session at once (unavailable: exit 69), never retried")
    func untrustedCertificate() throws {
        var session = SessionHarness()
        let actions = session.send(.tlsFailed(connection: 1, TLSFailure(.untrustedCertificate, host: "example.test")))
        let exit = try #require(SessionHarness.exits(actions).first)
        #expect(exit.category == .unavailable)
        #expect(exit.message?.contains("give --ca-file FILE") == true)
        #expect(session.timers[.backoff] == nil)
        #expect(session.machine.phase == .finished)
    }

    @Test("a hostname mismatch is final too; another handshake failure is retried like a drop")
    func otherTLSFailures() {
        var mismatch = SessionHarness()
        let ended = mismatch.send(.tlsFailed(connection: 1, TLSFailure(.hostnameMismatch, host: "h")))
        #expect(SessionHarness.exits(ended).map(\.category) == [.unavailable])

        var transient = SessionHarness()
        let retried = transient.send(
            .tlsFailed(connection: 1, TLSFailure(.handshakeFailed(reason: "WRONG_VERSION_NUMBER"), host: "h")))
        #expect(SessionHarness.exits(retried).isEmpty)
        #expect(transient.machine.phase == .waitingToReconnect)
        #expect(Self.reports(retried).first?.0.hasPrefix("connection 1 lost: TLS handshake with h failed") == true)
    }

    @Test("end of input: a turnComplete while interactionStatus is IN_PROGRESS does not end the drain; IDLE does")
    func drainWaitsForIdle() {
        var session = SessionHarness()
        session.establish()
        session.client("plan my trip", triggersTurn: true)
        session.send(.stdinEOF)
        let working = session.server(["serverContent": ["turnComplete": true, "interactionStatus": "IN_PROGRESS"]])
        #expect(SessionHarness.exits(working).isEmpty)
        #expect(SessionHarness.closes(working).isEmpty)
        #expect(session.machine.turnsCompleted == 0)
        let done = session.server(["serverContent": ["turnComplete": true, "interactionStatus": "IDLE"]])
        #expect(SessionHarness.closes(done) == [1000])
        #expect(session.machine.turnsCompleted == 1)
    }

    @Test("--turns counts only turns that end the task; REQUIRES_ACTION (deprecated) ends it like IDLE")
    func turnsCountIdle() {
        var session = SessionHarness { $0.turns = 1 }
        session.establish()
        session.client("go", triggersTurn: true)
        #expect(
            SessionHarness.closes(
                session.server(["serverContent": ["turnComplete": true, "interactionStatus": "IN_PROGRESS"]])
            ).isEmpty)
        #expect(
            SessionHarness.closes(
                session.server(["serverContent": ["turnComplete": true, "interactionStatus": "REQUIRES_ACTION"]]))
                == [1000])
    }

    @Test("without interactionStatus a turnComplete ends the drain as before")
    func drainWithoutStatus() {
        var session = SessionHarness()
        session.establish()
        session.client("hi", triggersTurn: true)
        session.send(.stdinEOF)
        #expect(SessionHarness.closes(session.turnComplete()) == [1000])
    }
}
