import Foundation
import GeminiLiveTestSupport
import Testing

@Suite("encode: raw PCM, text, pictures, turn control")
struct EncodeInputsTests {
    @Test("raw s16le and f32le from stdin, with downmix and resampling")
    func rawPCM() throws {
        let tmp = try TemporaryDirectory("raw")
        let s16 = tmp.file("a.s16")
        try MediaFactory.sox([
            "-n", "-r", "48000", "-c", "2", "-b", "16", "-e", "signed-integer", "-t", "raw", s16, "synth", "1", "sine",
            "1000",
        ])
        let f32 = tmp.file("a.f32")
        try MediaFactory.sox([
            "-n", "-r", "8000", "-c", "1", "-b", "32", "-e", "floating-point", "-t", "raw", f32, "synth", "0.5", "sine",
            "1000",
        ])

        let fromPipe = try encode(
            ["--raw", "--rate", "48000", "--channels", "2", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: s16))
        )
        #expect(fromPipe.status == 0, "\(fromPipe.stderrText)")
        #expect(try EncodedStream(fromPipe.stdout).samples.count == 16_000)

        let fromFile = try encode(["--raw", "--rate", "8000", "--format", "f32le", f32])
        #expect(fromFile.status == 0, "\(fromFile.stderrText)")
        let samples = try EncodedStream(fromFile.stdout).samples
        #expect(samples.count == 8_000)
        #expect(SignalMeasure.dominantFrequency(samples[1_000..<7_000], rate: 16_000, range: 950...1_050) == 1_000)
    }

    @Test("a WAV on stdin, as a pipe and as a redirected file")
    func wavOnStdin() throws {
        let tmp = try TemporaryDirectory("stdin")
        let path = tmp.file("in.wav")
        try MediaFactory.tone(path, seconds: 0.5, rate: 44_100, channels: 2)
        let piped = try encode(["-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(try EncodedStream(piped.stdout).samples.count == 8_000)
        let redirected = try encode(["-"], stdinFile: path)
        #expect(redirected.status == 0, "\(redirected.stderrText)")
        #expect(redirected.stdout == piped.stdout)
    }

    @Test("--text and .txt files become user turns; inputs keep command-line order")
    func textAndOrder() throws {
        let tmp = try TemporaryDirectory("text")
        let prompt = tmp.file("prompt.txt")
        try Data("\u{FEFF}Summarise the recording.\n".utf8).write(to: URL(fileURLWithPath: prompt))
        let audio = tmp.file("a.wav")
        try MediaFactory.tone(audio, seconds: 0.2, rate: 16_000, channels: 1)
        let picture = tmp.file("p.jpg")
        try MediaFactory.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", picture])

        let result = try encode([
            "--text", "First", audio, "--text=Then \"this\" ünïcode", picture, prompt, "--no-turn-complete",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let stream = try EncodedStream(result.stdout)
        #expect(stream.shape == ["text(open)", "audio×2", "audioStreamEnd", "text(open)", "video", "text(open)"])
        #expect(stream.messages[0] == .text("First", turnComplete: false))
        #expect(stream.messages[4] == .text("Then \"this\" ünïcode", turnComplete: false))
        #expect(stream.messages[6] == .text("Summarise the recording.", turnComplete: false))
        guard case .video(let mime, let bytes) = stream.messages[5] else {
            Issue.record("expected a video message")
            return
        }
        #expect(mime == "image/jpeg")
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: picture))))

        let realtime = try EncodedStream(try encode(["--realtime-text", "--text", "hi"]).stdout)
        #expect(realtime.messages == [.realtimeText("hi")])
    }

    @Test("PNG pictures are sent as image/png")
    func png() throws {
        let tmp = try TemporaryDirectory("png")
        let picture = tmp.file("p.png")
        try MediaFactory.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1", picture])
        let stream = try EncodedStream(try encode([picture]).stdout)
        #expect(
            stream.messages == [
                .video(mimeType: "image/png", bytes: try Data(contentsOf: URL(fileURLWithPath: picture)))
            ])
    }

    @Test("--activity, --silence and --end shape each audio input")
    func turnControl() throws {
        let tmp = try TemporaryDirectory("turns")
        let a = tmp.file("a.wav")
        let b = tmp.file("b.wav")
        try MediaFactory.tone(a, seconds: 0.25, rate: 16_000, channels: 1)
        try MediaFactory.tone(b, seconds: 0.1, rate: 16_000, channels: 1)
        let result = try encode(["--activity", "--end", "--silence", "300", a, b])
        #expect(result.status == 0, "\(result.stderrText)")
        let stream = try EncodedStream(result.stdout)
        // 0.25 s + 0.3 s = 8800 samples = 6 chunks; 0.1 s + 0.3 s = 6400 samples = 4 chunks.
        #expect(
            stream.shape == [
                "activityStart", "audio×6", "activityEnd", "audioStreamEnd", "activityStart", "audio×4", "activityEnd",
                "audioStreamEnd",
            ])
        let samples = stream.samples
        #expect(samples.count == 8_800 + 6_400)
        #expect(samples[4_000..<8_800].allSatisfy { $0 == 0 })
        #expect(samples[3_000..<4_000].contains { $0 != 0 })
    }

    @Test("audioStreamEnd follows the last audio input by default; --end after each, --no-end and --activity never")
    func audioStreamEndDefault() throws {
        let tmp = try TemporaryDirectory("streamend")
        let a = tmp.file("a.wav")
        let b = tmp.file("b.wav")
        try MediaFactory.tone(a, seconds: 0.25, rate: 16_000, channels: 1)
        try MediaFactory.tone(b, seconds: 0.1, rate: 16_000, channels: 1)
        let picture = tmp.file("p.jpg")
        try MediaFactory.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1", picture])
        let cases: [([String], [String])] = [
            ([a, "--text", "q", b, picture], ["audio×3", "text", "audio", "audioStreamEnd", "video"]),
            (["--end", a, "--text", "q", b], ["audio×3", "audioStreamEnd", "text", "audio", "audioStreamEnd"]),
            (["--no-end", a, "--text", "q", b], ["audio×3", "text", "audio"]),
            (["--activity", a], ["activityStart", "audio×3", "activityEnd"]),
        ]
        for (arguments, shape) in cases {
            let result = try encode(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
            #expect(try EncodedStream(result.stdout).shape == shape, "\(arguments)")
        }
        // A stream on stdin gets it too once it ends: no more audio can follow.
        let piped = try encode(["-"], stdin: try Data(contentsOf: URL(fileURLWithPath: b)))
        #expect(try EncodedStream(piped.stdout).shape == ["audio", "audioStreamEnd"])
        #expect(try encode(["--end", "--no-end", a]).status == 64)
    }

    @Test("--legacy writes realtime_input.media_chunks for audio and pictures")
    func legacy() throws {
        let tmp = try TemporaryDirectory("legacy")
        let a = tmp.file("a.wav")
        try MediaFactory.tone(a, seconds: 0.2, rate: 16_000, channels: 1)
        let picture = tmp.file("p.jpg")
        try MediaFactory.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1", picture])
        let result = try encode(["--legacy", a, picture])
        #expect(result.status == 0)
        let stream = try EncodedStream(result.stdout)
        #expect(stream.shape == ["legacy×2", "audioStreamEnd", "legacy"])
        guard case .legacyChunk(let audioMime, _) = stream.messages[0],
            case .legacyChunk(let imageMime, _) = stream.messages[3]
        else {
            Issue.record("expected legacy chunks")
            return
        }
        #expect(audioMime == "audio/pcm")
        #expect(imageMime == "image/jpeg")
    }

    @Test("--realtime paces audio like a microphone and flushes each line to the pipe")
    func realtimePacing() throws {
        let tmp = try TemporaryDirectory("pace")
        let a = tmp.file("a.wav")
        try MediaFactory.tone(a, seconds: 1, rate: 16_000, channels: 1)
        // Timestamp each line as it arrives downstream: the last of 10 chunks cannot come before ~1 s
        // after the first, which also shows the first did not wait for the end (per-line flushing on a
        // pipe). No upper bound: a busy machine may be slower; PacingTests pins the deadlines on a clock.
        let script = "gemini-live-encode --realtime '\(a)' | while IFS= read -r line; do date +%s.%N; done"
        let result = try ToolRunner.shell(script)
        #expect(result.status == 0, "\(result.stderrText)")
        let times = result.stdoutText.split(separator: "\n").compactMap { Double($0) }
        #expect(times.count == 11, "10 chunks and audioStreamEnd")
        let span = times.last! - times.first!
        #expect(span > 0.8, "10 paced chunks spanned \(span) s")
    }
}
