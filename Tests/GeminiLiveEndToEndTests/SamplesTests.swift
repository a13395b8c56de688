import Foundation
import GeminiLiveTestSupport
import Testing

/// The three sample scripts in samples/ run against the emulator, with files in place of devices.
@Suite("samples: batch-analyze, webcam, voice-chat", .serialized)
struct SamplesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    @Test("batch-analyze.sh: one transcript and one reply WAV per recording, two jobs at a time")
    func batchAnalyze() throws {
        let emulator = try SessionEmulator()
        let tmp = try TemporaryDirectory("batch")
        try FileManager.default.createDirectory(atPath: tmp.file("in"), withIntermediateDirectories: true)
        for (name, words) in [("first", "hello world"), ("second", "good morning"), ("third", "thank you")] {
            try MediaFactory.speech(words, to: tmp.file("in/\(name).wav"))
        }
        let result = try emulator.shell(
            "GEMINI_LIVE_ENDPOINT=\"$URL\" '\(Self.samples)/batch-analyze.sh' -j 2 '\(tmp.file("in"))' '\(tmp.file("out"))'",
            timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        for name in ["first", "second", "third"] {
            let transcript = try String(contentsOfFile: tmp.file("out/\(name).txt"), encoding: .utf8)
            #expect(transcript.contains("model: Turn 1. I heard"), "\(name): \(transcript)")
            #expect(try wavSamples(tmp.file("out/\(name).reply.wav")).count > 24_000 / 2, "\(name): no reply audio")
        }
        // Three recordings, three separate sessions.
        let setups = try emulator.log().filter { ($0["message"] as? [String: Any])?["setup"] != nil }
        #expect(setups.count == 3)
    }

    @Test("batch-analyze.sh --prompt: the prompt that interrupts the answer to the recording is answered itself")
    func batchAnalyzeWithPrompt() throws {
        let emulator = try SessionEmulator()
        let tmp = try TemporaryDirectory("batch-prompt")
        try FileManager.default.createDirectory(atPath: tmp.file("in"), withIntermediateDirectories: true)
        try MediaFactory.speech("hello world", to: tmp.file("in/first.wav"))
        let result = try emulator.shell(
            """
            GEMINI_LIVE_ENDPOINT="$URL" '\(Self.samples)/batch-analyze.sh' --prompt 'Summarise the recording' \
              '\(tmp.file("in"))' '\(tmp.file("out"))'
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        let transcript = try String(contentsOfFile: tmp.file("out/first.txt"), encoding: .utf8)
        #expect(transcript.contains("Summarise the recording"), "\(transcript)")
        // The session stays for the turn that answers the prompt, whatever happened to the recording's turn.
        let answers = transcript.split(separator: "\n").filter {
            $0.hasPrefix("model: ") && !$0.contains("[interrupted]")
        }
        #expect(!answers.isEmpty, "\(transcript)")
    }

    @Test("webcam.sh: camera frames and microphone audio merged into one session")
    func webcam() throws {
        let emulator = try SessionEmulator()
        let tmp = try TemporaryDirectory("webcam")
        try MediaFactory.speech("hello world", to: tmp.file("speech.wav"))
        let result = try emulator.shell(
            """
            GEMINI_LIVE_ENDPOINT="$URL" VIDEO='-re -f lavfi -i testsrc=size=320x240:rate=5 -t 3' \
            AUDIO_FILE='\(tmp.file("speech.wav"))' OUTPUT='\(tmp.file("reply.wav"))' '\(Self.samples)/webcam.sh'
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("I saw"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("JPEG 320x240"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("seconds of audio"), "\(result.stdoutText)")
        #expect(try wavSamples(tmp.file("reply.wav")).count > 24_000)
        // Video and audio lines arrived whole, interleaved as they came, in one connection.
        let messages = try emulator.clientMessages()
        let kinds = Set(messages.compactMap { ($0.message["realtimeInput"] as? [String: Any])?.keys.first })
        #expect(kinds.isSuperset(of: ["video", "audio"]))
        #expect(Set(messages.map(\.connection)) == [1])
    }

    @Test("voice-chat.sh: microphone to speakers, with the dialogue on stderr")
    func voiceChat() throws {
        let emulator = try SessionEmulator()
        let tmp = try TemporaryDirectory("voice")
        try MediaFactory.speech("hello world, how are you today", to: tmp.file("speech.wav"))
        // A recording followed by silence stands in for the microphone; sox writes what aplay would play.
        let result = try emulator.shell(
            """
            GEMINI_LIVE_ENDPOINT="$URL" \
            RECORD="sox '\(tmp.file("speech.wav"))' -t raw -r 16000 -c 1 -b 16 -e signed-integer - pad 0 1.5" \
            PLAY="sox -t raw -r 24000 -c 1 -b 16 -e signed-integer - '\(tmp.file("played.wav"))'" \
            '\(Self.samples)/voice-chat.sh'
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("user: hello world"), "\(result.stderrText)")
        #expect(result.stderrText.contains("model: Turn 1. I heard"), "\(result.stderrText)")
        #expect(try wavSamples(tmp.file("played.wav")).count > 24_000)
    }

    @Test("start.sh exports GEMINI_LIVE_ENDPOINT, which the session uses; sourcing it twice orphans nothing")
    func startScript() throws {
        // The inner shell sources start.sh twice; the outer one waits (tail --pid) for both emulators to go once
        // the inner shell's EXIT trap stops the second (the test's own timeout bounds that wait).
        let result = try ToolRunner.shell(
            """
            pids=$(bash -c '
              set -euo pipefail  # start.sh runs in the sourcing shell, which may be this strict
              source "\(Self.samples)/emulator/start.sh" 2>/dev/null || exit 1
              first=$GEMINI_LIVE_EMULATOR_PID
              source "\(Self.samples)/emulator/start.sh" 2>/dev/null || exit 1
              if kill -0 "$first" 2>/dev/null; then echo "the first emulator still runs" >&2; fi
              gemini-live-encode --text hi | gemini-live-session --transcribe output | gemini-live-decode --text - >&2 || exit 1
              echo "$first $GEMINI_LIVE_EMULATOR_PID"
            ') || exit 1
            for pid in $pids; do tail --pid="$pid" -f /dev/null; done
            echo "$pids"
            """, timeout: 60)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stderrText.contains("still runs"), "\(result.stderrText)")
        #expect(result.stderrText.contains("You said: hi."), "\(result.stderrText)")
        #expect(result.stdoutText.split(separator: " ").count == 2, "\(result.stdoutText)")
    }

    @Test("batch-analyze.sh: a failed recording fails the run, named on stderr with a count (pipefail in each job)")
    func batchAnalyzeFailure() throws {
        let emulator = try SessionEmulator()
        let tmp = try TemporaryDirectory("batch-fail")
        try FileManager.default.createDirectory(atPath: tmp.file("in"), withIntermediateDirectories: true)
        try MediaFactory.speech("hello world", to: tmp.file("in/good.wav"))
        try Data("not a sound file".utf8).write(to: URL(fileURLWithPath: tmp.file("in/broken.wav")))
        let result = try emulator.shell(
            "GEMINI_LIVE_ENDPOINT=\"$URL\" '\(Self.samples)/batch-analyze.sh' -j 2 '\(tmp.file("in"))' '\(tmp.file("out"))'",
            timeout: 120)
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(
            result.stderrText.contains("batch-analyze.sh: failed: \(tmp.file("in/broken.wav"))"), "\(result.stderrText)"
        )
        #expect(result.stderrText.contains("batch-analyze.sh: 1 of 2 recordings failed"), "\(result.stderrText)")
        #expect(!result.stderrText.contains("good.wav"), "\(result.stderrText)")
        let transcript = try String(contentsOfFile: tmp.file("out/good.txt"), encoding: .utf8)
        #expect(transcript.contains("model: Turn 1. I heard"), "\(transcript)")
    }

    @Test("demo.sh: the bundled spoken question is understood through the whole toolkit")
    func demo() throws {
        let result = try ToolRunner.run(
            "/bin/bash", ["\(Self.samples)/demo.sh", ToolRunner.binaryDirectory.path], timeout: 300)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("user: what is the capital of france"), "\(result.stdoutText)")
        #expect(
            result.stdoutText.contains("seconds of audio: what is the capital of france."),
            "\(result.stdoutText)")
    }
}
