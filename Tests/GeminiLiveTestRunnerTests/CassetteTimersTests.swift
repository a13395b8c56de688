import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@testable import GeminiLiveTestRunner

/// A replayed attempt's timers in the cassette's time: due when the recorded frames reach their deadline, or
/// when the replay waits for the client (every server frame before its next one read, no tool command running).
@Suite struct CassetteTimersTests {
    /// Setup at 0, setupComplete at 50 ms; a question at 1 s, audio from 1.2 s; the barge-in at 1.501 s (its
    /// timer ran out 300 ms after the first audio), then the cut reply's last frames.
    static func bargeIn() throws -> FrameRecording {
        let chunk: JSONValue = ["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": "AAAA"]]
        let audio: JSONValue = ["serverContent": ["modelTurn": ["parts": [chunk]]]]
        let lines: [(Int, String, JSONValue)] = [
            (0, "client", ["setup": ["model": "models/m"]]),
            (50, "server", ["setupComplete": [:]]),
            (1000, "client", ["clientContent": ["turnComplete": true]]),
            (1200, "server", audio),
            (1400, "server", audio),
            (1501, "client", ["realtimeInput": ["text": "stop"]]),
            (1550, "server", ["serverContent": ["interrupted": true]]),
            (1560, "server", ["serverContent": ["turnComplete": true]]),
        ]
        var text = ""
        for (milliseconds, direction, message) in lines {
            text += #"{"t":\#(milliseconds),"connection":1,"direction":"\#(direction)","#
            text += #""frame":"text","message":\#(message)}"# + "\n"
        }
        return try FrameRecording(ndjson: Array(text.utf8), source: "hand.ndjson")
    }

    static let bargeInTimer = AttemptTimer(kind: .startDelay, turn: 1)
    static let timeout = AttemptTimer(kind: .replyTimeout, turn: 0, generation: 1)

    @Test func theClockFollowsTheRecordedFramesAndTheBargeInFiresWhenTheReplayWaitsForIt() throws {
        let clock = CassetteClock()
        var timers = CassetteTimers(try Self.bargeIn(), clock: clock)
        timers.clientFrameWritten()
        #expect(clock.now.micros == 0)
        #expect(timers.nextDue() == nil)
        timers.serverFrameRead()
        #expect(clock.now.micros == 50_000)
        timers.clientFrameWritten()
        timers.start(Self.timeout, after: .seconds(30))
        #expect(clock.now.micros == 1_000_000)
        timers.serverFrameRead()
        #expect(clock.now.micros == 1_200_000)
        // The first audio: the barge-in is due 300 ms later, in the cassette's time.
        timers.start(Self.bargeInTimer, after: .milliseconds(300))
        #expect(timers.nextDue() == nil)
        timers.serverFrameRead()
        #expect(clock.now.micros == 1_400_000)
        // Every frame recorded before the barge-in is read: the recording's next event is the client's.
        #expect(timers.waitingForClient)
        #expect(timers.nextDue() == Self.bargeInTimer)
        #expect(clock.now.micros == 1_500_000)
        timers.clientFrameWritten()
        #expect(clock.now.micros == 1_501_000)
        // The reply timeout is not due: the cut reply's frames are still to come.
        #expect(!timers.waitingForClient)
        #expect(timers.nextDue() == nil)
        timers.serverFrameRead()
        timers.serverFrameRead()
        #expect(clock.now.micros == 1_560_000)
    }

    @Test func aFrameRecordedPastTheDeadlineFiresTheTimerBeforeTheReplayWaits() throws {
        let clock = CassetteClock()
        var timers = CassetteTimers(try Self.bargeIn(), clock: clock)
        timers.clientFrameWritten()
        timers.serverFrameRead()
        timers.clientFrameWritten()
        timers.serverFrameRead()
        timers.start(Self.bargeInTimer, after: .milliseconds(100))
        #expect(!timers.waitingForClient)
        #expect(timers.nextDue() == nil)
        // 1.4 s is past 1.3 s: due, and the clock stays at the frame's time.
        timers.serverFrameRead()
        #expect(timers.nextDue() == Self.bargeInTimer)
        #expect(clock.now.micros == 1_400_000)
        #expect(timers.nextDue() == nil)
    }

    @Test func aRunningToolCommandHoldsTheTimersAndARestartedTimeoutReplacesTheOldOne() throws {
        let clock = CassetteClock()
        var timers = CassetteTimers(try Self.bargeIn(), clock: clock)
        timers.clientFrameWritten()
        timers.serverFrameRead()
        timers.clientFrameWritten()
        timers.start(Self.timeout, after: .seconds(30))
        timers.serverFrameRead()
        timers.serverFrameRead()
        timers.toolCommands += 1
        #expect(!timers.waitingForClient)
        #expect(timers.nextDue() == nil)
        timers.toolCommands -= 1
        let restarted = AttemptTimer(kind: .replyTimeout, turn: 0, generation: 2)
        timers.start(restarted, after: .seconds(30))
        // Waiting for the client with only the timeout left: it fires at its deadline, the older one never.
        #expect(timers.nextDue() == restarted)
        #expect(clock.now.micros == 31_400_000)
        #expect(timers.nextDue() == nil)
    }

    @Test func durationsBecomeWholeMicroseconds() {
        #expect(CassetteClock.micros(.milliseconds(300)) == 300_000)
        #expect(CassetteClock.micros(.seconds(2) + .nanoseconds(1500)) == 2_000_001)
        let start = CassetteClock.Instant(micros: 1000)
        #expect(start.advanced(by: .milliseconds(2)).micros == 3000)
        #expect(start.duration(to: CassetteClock.Instant(micros: 500)) == .microseconds(-500))
    }
}
