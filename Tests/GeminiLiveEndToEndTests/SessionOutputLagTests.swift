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
        let log = emulator.logPath
        let sent = emulator.directory.file("sent")
        let story = SessionLines.turn(
            "Please tell me a long story about the sea, the wind and the mountains, in as many words as you can.")
        // The second line goes out once the service has sent 30 audio chunks (about 190 KB of lines, far
        // more than a pipe holds); the reader starts 2 s after that. Held back, the line would wait for it.
        let result = try emulator.shell(
            """
            ( echo '\(story)'
              until [ "$(grep -c inlineData \(log))" -ge 30 ]; do sleep 0.05; done
              echo '{"realtimeInput":{"text":"stop, a question"}}'; touch \(sent); sleep 10 ) |
              gemini-live-session --endpoint "$URL" --turns 2 |
              ( until [ -e \(sent) ]; do sleep 0.05; done; sleep 2; cat )
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let entries = try emulator.log()
        let audioSent = entries.enumerated().filter {
            $0.element["direction"] as? String == "server" && "\($0.element)".contains("inlineData")
        }
        let inputs = entries.enumerated().filter {
            $0.element["direction"] as? String == "client"
                && ($0.element["message"] as? [String: Any]).map { $0["setup"] == nil } == true
        }
        #expect(inputs.count == 2)
        #expect(audioSent.count >= 30, "the trigger the timing is measured from")
        if inputs.count == 2, audioSent.count >= 30, let trigger = audioSent[29].element["time"] as? Double,
            let arrival = inputs[1].element["time"] as? Double
        {
            #expect(arrival - trigger < 1.5, "the second input waited \(arrival - trigger) s")
        }
        let objects = SessionLines.objects(result)
        #expect(objects.count == result.stdoutLines.count, "every line is one whole JSON object")
        let completions = objects.filter { ($0["serverContent"] as? [String: Any])?["turnComplete"] as? Bool == true }
        #expect(completions.count == 2)
        let audioLines = objects.filter { "\($0)".contains("inlineData") }
        #expect(audioLines.count >= 30, "the reply's audio came through: \(audioLines.count) lines")
    }
}
