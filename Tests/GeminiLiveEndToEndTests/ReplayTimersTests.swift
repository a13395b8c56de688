import Foundation
import GeminiLiveTestSupport
import Testing

/// A replayed attempt's timers run in the cassette's time: a barge-in's `delay_ms` is not waited on the wall.
@Suite("test: replay timers in cassette time", .serialized)
struct ReplayTimersTests {
    static func scenario(delayMilliseconds: Int) -> String {
        """
        turns:
          - text: "tell me a long story about the sea"
          - text: "stop, never mind"
            at: {after: first_audio, delay_ms: \(delayMilliseconds)}
            expect:
              - interrupted: true
              - responded: true
        """
    }

    /// Recorded with a 200 ms barge-in delay, replayed (`--allow-stale`) with a ten-minute one. In the cassette's
    /// time the barge-in is due once the replay waits for it, so with a longer turn timeout the replay ends at
    /// once with the recording's report (on the wall clock it would wait ten minutes, past the harness's limit);
    /// with the default 30 s, the reply timeout comes first, also at once, and the barge-in is never sent.
    @Test("a barge-in's delay and the reply timeout run in cassette time: a ten-minute delay_ms replays at once")
    func timersInCassetteTime() throws {
        let folder = try TestSuiteRunTests.suite(["barge.yaml": Self.scenario(delayMilliseconds: 200)])
        let recorded = try TestSuiteRunTests.run(
            folder, TestSuiteRunTests.emulator + ["--record", "cassettes", "barge.yaml"])
        #expect(recorded.status == 0, "\(recorded.stderrText)")
        try Self.scenario(delayMilliseconds: 600_000).write(
            toFile: folder.file("barge.yaml"), atomically: true, encoding: .utf8)
        let replayed = try TestSuiteRunTests.run(
            folder, ["--replay", "cassettes", "--allow-stale", "--turn-timeout", "3600", "barge.yaml"])
        #expect(replayed.status == 0, "\(replayed.stderrText)")
        #expect(replayed.stdoutText == recorded.stdoutText)

        let timedOut = try TestSuiteRunTests.run(
            folder, ["--replay", "cassettes", "--allow-stale", "-v", "barge.yaml"])
        #expect(timedOut.status == 1, "\(timedOut.stderrText)")
        #expect(timedOut.stderrText.contains("turn 1: no complete reply within 30 s"), "\(timedOut.stderrText)")
        #expect(timedOut.stdoutText.contains("not_run"), "\(timedOut.stdoutText)")
    }
}
