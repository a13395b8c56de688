import Foundation
import GeminiLiveTestSupport
import Testing

/// stdout's reader falls behind, as a player reading in real time does with a reply sent faster than
/// real time: the user's next input must still reach the service at once (that is how a voice chat
/// interrupts the model), and every line must still come out whole and in order.
@Suite("session: a reader of stdout that lags")
struct SessionOutputLagTests {
    @Test("input written while stdout's reader has not started reaches the service at once; no line is lost")
    func inputIsNotHeldBack() throws {
        let emulator = try SessionEmulator()
        let story = SessionLines.turn(
            "Please tell me a long story about the sea, the wind and the mountains, in as many words as you can.")
        // The reply is hundreds of KiB of audio lines, far more than a pipe holds; the reader waits 4 s.
        let result = try emulator.shell(
            """
            ( echo '\(story)'; sleep 1; echo '{"realtimeInput":{"text":"stop, a question"}}'; sleep 10 ) |
              gemini-live-session --endpoint "$URL" --turns 2 | ( sleep 4; cat )
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let arrivals = try emulator.log().filter {
            $0["direction"] as? String == "client" && ($0["message"] as? [String: Any])?["setup"] == nil
                && $0["message"] != nil
        }.compactMap { $0["time"] as? Double }
        #expect(arrivals.count == 2)
        if arrivals.count == 2 {
            // Sent 1 s after the first; held back, it would arrive when the reader starts, 4 s in.
            #expect(arrivals[1] - arrivals[0] < 2.5, "the second input waited \(arrivals[1] - arrivals[0]) s")
        }
        let objects = SessionLines.objects(result)
        #expect(objects.count == result.stdoutLines.count, "every line is one whole JSON object")
        let completions = objects.filter { ($0["serverContent"] as? [String: Any])?["turnComplete"] as? Bool == true }
        #expect(completions.count == 2)
        let audioLines = objects.filter { "\($0)".contains("inlineData") }
        #expect(audioLines.count > 20, "the reply's audio came through: \(audioLines.count) lines")
    }
}
