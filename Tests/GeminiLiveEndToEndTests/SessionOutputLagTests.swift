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
        let ended = emulator.directory.file("ended")
        let story = SessionLines.turn(
            "Please tell me a long story about the sea, the wind and the mountains, in as many words as you can.")
        // The second line goes out once the service has sent 30 audio chunks (about 190 KB of lines, far
        // more than a pipe holds), and stdout's reader starts only once the emulator has logged that line.
        // A session that held input back behind stdout would never send it, and the run would hang until
        // the timeout. stdin stays open (without it the input's end would end the session) until the
        // session exits and writes to the `ended` FIFO.
        let result = try emulator.shell(
            """
            mkfifo \(ended)
            question_sent() { grep '"client"' \(log) | grep -q 'stop, a question'; }
            ( echo '\(story)'
              wait_until has_lines 30 inlineData \(log)
              echo '{"realtimeInput":{"text":"stop, a question"}}'
              read -r _ < \(ended) ) |
              { gemini-live-session --endpoint "$URL" --turns 2; status=$?; echo > \(ended); exit $status; } |
              ( wait_until question_sent; cat )
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let entries = try emulator.log()
        let audioSent = entries.filter {
            $0["direction"] as? String == "server" && "\($0)".contains("inlineData")
        }
        let inputs = entries.filter {
            $0["direction"] as? String == "client"
                && ($0["message"] as? [String: Any]).map { $0["setup"] == nil } == true
        }
        #expect(inputs.count == 2)
        #expect(audioSent.count >= 30, "the trigger the second input waited for")
        let objects = SessionLines.objects(result)
        #expect(objects.count == result.stdoutLines.count, "every line is one whole JSON object")
        let completions = objects.filter { ($0["serverContent"] as? [String: Any])?["turnComplete"] as? Bool == true }
        #expect(completions.count == 2)
        let audioLines = objects.filter { "\($0)".contains("inlineData") }
        #expect(audioLines.count >= 30, "the reply's audio came through: \(audioLines.count) lines")
    }
}
