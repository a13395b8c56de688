import GeminiLiveProtocol
import GeminiLiveSession
import Testing

/// Keepalive on the manual clock: a ping every `pingInterval` on an open connection, and a connection whose
/// pong is overdue when the next ping is due counts as dropped.
@Suite("session state machine: keepalive")
struct SessionKeepaliveTests {
    static func pings(_ actions: [SessionAction]) -> [[UInt8]] {
        actions.compactMap { action in
            guard case .sendPing(_, let payload) = action else { return nil }
            return payload
        }
    }

    @Test("pings start when the socket opens and go on every interval while pongs come back")
    func pingsWhilePongsComeBack() {
        var session = SessionHarness { $0.pingInterval = .seconds(2) }
        #expect(session.timers[.ping] == nil, "no ping before the socket is open")
        session.send(.connected(connection: 1))
        #expect(session.timers[.ping]?.1 == .seconds(2))
        session.server(["setupComplete": [:]])
        for _ in 0..<3 {
            let fired = session.fire(.ping)
            let payloads = Self.pings(fired)
            #expect(payloads.count == 1)
            #expect(session.timers[.ping]?.1 == .seconds(2))
            // A pong that comes late, just before the next ping, still counts.
            session.clock.advance(by: .milliseconds(1999))
            #expect(session.send(.pong(connection: 1, payload: payloads[0])).isEmpty)
        }
        #expect(session.machine.phase == .streaming)
        #expect(session.machine.connection == 1)
    }

    @Test("a ping still unanswered when the next is due closes with 1001, tears down, and resumes")
    func overduePongDropsTheConnection() {
        var session = SessionHarness { $0.pingInterval = .seconds(2) }
        session.establish()
        session.handleUpdate("h1")
        #expect(Self.pings(session.fire(.ping)).count == 1)
        let dropped = session.fire(.ping)
        #expect(
            Array(dropped.prefix(2)) == [
                .closeSocket(connection: 1, code: 1001, reason: "ping timeout"), .abortConnection(connection: 1),
            ])
        #expect(
            dropped.contains {
                if case .report(let text, true) = $0 {
                    return text.hasPrefix("connection 1 lost: no pong within 2000 ms of a ping (--ping-interval)")
                }
                return false
            })
        #expect(Self.pings(dropped).isEmpty)
        #expect(session.machine.phase == .waitingToReconnect)
        let reconnect = session.fire(.backoff)
        #expect(SessionHarness.setups(reconnect).first?.sessionResumption?.handle == "h1")
        #expect(session.timers[.ping] == nil, "the new connection's pings wait for its socket")
        session.send(.connected(connection: 2))
        #expect(Self.pings(session.fire(.ping)).count == 1, "a fresh connection starts with no ping owed")
    }

    @Test("a pong for an earlier ping, or from an earlier connection, does not answer the current ping")
    func onlyTheRightPongCounts() {
        var session = SessionHarness { $0.pingInterval = .seconds(2) }
        session.establish()
        let first = Self.pings(session.fire(.ping))[0]
        session.send(.pong(connection: 1, payload: first))
        let second = Self.pings(session.fire(.ping))[0]
        #expect(first != second)
        session.send(.pong(connection: 1, payload: first))
        session.send(.pong(connection: 7, payload: second))
        #expect(SessionHarness.closes(session.fire(.ping)) == [1001])
    }

    @Test("no pings once our close is under way, and none at all without an interval")
    func noPingsWhenClosingOrOff() {
        var session = SessionHarness { $0.pingInterval = .seconds(2) }
        session.establish()
        session.send(.stdinEOF)
        #expect(session.machine.phase == .closingToExit)
        #expect(session.fire(.ping).isEmpty)

        var off = SessionHarness { $0.pingInterval = nil }
        off.establish()
        #expect(off.timers[.ping] == nil)
    }
}
