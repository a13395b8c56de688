import GeminiLiveProtocol
import GeminiLiveSessionCore
import Testing

/// Keepalive on the manual clock: a ping every `pingInterval` on an open connection, each with a pong deadline,
/// and a connection whose pong misses it counts as dropped.
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

    @Test("each ping starts a pong deadline; the pong cancels it")
    func pongDeadlineStartsWithThePing() {
        var session = SessionHarness {
            $0.pingInterval = .seconds(10)
            $0.pongTimeout = .seconds(3)
        }
        session.establish()
        let payload = Self.pings(session.fire(.ping))[0]
        #expect(session.timers[.pongDeadline]?.1 == .seconds(3))
        #expect(session.timers[.ping]?.1 == .seconds(10))
        session.send(.pong(connection: 1, payload: payload))
        // The deadline's timer may still fire (the driver cannot take it back): it is stale and does nothing.
        #expect(session.fire(.pongDeadline).isEmpty)
        #expect(session.machine.phase == .streaming)
    }

    @Test("no pong by the deadline: closes with 1001, tears down, and resumes with the latest handle")
    func overduePongDropsTheConnection() {
        var session = SessionHarness {
            $0.pingInterval = .seconds(10)
            $0.pongTimeout = .seconds(3)
        }
        session.establish()
        session.handleUpdate("h1")
        #expect(Self.pings(session.fire(.ping)).count == 1)
        let dropped = session.fire(.pongDeadline)
        #expect(
            Array(dropped.prefix(2)) == [
                .closeSocket(connection: 1, code: 1001, reason: "ping timeout"), .abortConnection(connection: 1),
            ])
        #expect(
            dropped.contains {
                if case .report(let text, true) = $0 {
                    return text.hasPrefix("connection 1 lost: no pong within 3000 ms of a ping (--ping-interval)")
                }
                return false
            })
        #expect(session.machine.phase == .waitingToReconnect)
        let reconnect = session.fire(.backoff)
        #expect(SessionHarness.setups(reconnect).first?.sessionResumption?.handle == "h1")
        // The old connection's ping timer is stale now; the new connection's pings wait for its socket.
        #expect(session.fire(.ping).isEmpty)
        session.send(.connected(connection: 2))
        #expect(Self.pings(session.fire(.ping)).count == 1, "a fresh connection starts with no ping owed")
    }

    @Test("without a pong timeout the deadline is one ping interval, and no second ping goes out meanwhile")
    func deadlineDefaultsToTheInterval() {
        var session = SessionHarness { $0.pingInterval = .seconds(2) }
        session.establish()
        #expect(Self.pings(session.fire(.ping)).count == 1)
        #expect(session.timers[.pongDeadline]?.1 == .seconds(2))
        #expect(Self.pings(session.fire(.ping)).isEmpty, "the owed pong is the deadline's to judge")
        #expect(SessionHarness.closes(session.fire(.pongDeadline, advancing: .zero)) == [1001])
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
