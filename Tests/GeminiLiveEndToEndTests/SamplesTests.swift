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
        // pocketsphinx on espeak-ng speech: "hello world how are you do" (see the emulator's accuracy note).
        #expect(result.stderrText.contains("user: hello world"), "\(result.stderrText)")
        #expect(result.stderrText.contains("model: Turn 1. I heard"), "\(result.stderrText)")
        #expect(try wavSamples(tmp.file("played.wav")).count > 24_000)
    }
}
