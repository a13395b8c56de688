import Foundation
import GeminiLiveTestSupport
import Testing

/// Runs the built `gemini-live-encode`; stdout goes to the schema check.
func encode(_ arguments: [String], stdin: Data? = nil, stdinFile: String? = nil, timeout: Double = 120) throws
    -> ProcessResult
{
    try ToolRunner.run(
        ToolRunner.tool("gemini-live-encode"), arguments, stdin: stdin, stdinFile: stdinFile, timeout: timeout,
        schemaKind: "client")
}

@Suite("encode: audio files")
struct EncodeAudioTests {
    /// Every container/encoding libsndfile reads, made by sox or ffmpeg from a 1 s, 1 kHz tone.
    static let formats: [(name: String, make: [String])] = [
        ("pcm16.wav", ["sox", "-b", "16"]),
        ("pcm8.wav", ["sox", "-b", "8", "-e", "unsigned-integer"]),
        ("pcm24.wav", ["sox", "-b", "24"]),
        ("pcm32.wav", ["sox", "-b", "32"]),
        ("float.wav", ["sox", "-e", "floating-point", "-b", "32"]),
        ("mulaw.wav", ["sox", "-e", "mu-law"]),
        ("alaw.wav", ["sox", "-e", "a-law"]),
        ("tone.flac", ["sox"]),
        ("tone.aiff", ["sox"]),
        ("tone.ogg", ["ffmpeg", "-c:a", "libvorbis"]),
        ("tone.opus", ["ffmpeg", "-c:a", "libopus"]),
        ("tone.mp3", ["ffmpeg", "-c:a", "libmp3lame"]),
    ]

    @Test("reads every format and emits exact 100 ms chunks of a 1 kHz tone", arguments: formats.map(\.name))
    func everyFormat(name: String) throws {
        let tmp = try TemporaryDirectory("formats")
        let format = Self.formats.first { $0.name == name }!
        let path = tmp.file(name)
        if format.make[0] == "sox" {
            try MediaFactory.tone(path, rate: 44_100, channels: 2, options: Array(format.make.dropFirst()))
        } else {
            let wav = tmp.file("source.wav")
            try MediaFactory.tone(wav, rate: 48_000, channels: 2)
            try MediaFactory.ffmpeg(["-i", wav] + Array(format.make.dropFirst()) + [path])
        }
        let result = try encode([path])
        #expect(result.status == 0, "\(result.stderrText)")
        let stream = try EncodedStream(result.stdout)
        let chunks = stream.audioChunks
        // Lossy codecs pad a little (encoder delay/priming), so allow a few extra ms there.
        let lossy = name.hasSuffix(".ogg") || name.hasSuffix(".opus") || name.hasSuffix(".mp3")
        let samples = stream.samples.count
        if lossy {
            #expect((16_000...16_000 + 1_600).contains(samples), "got \(samples) samples")
        } else {
            #expect(samples == 16_000)
            #expect(chunks.count == 10)
        }
        #expect(chunks.dropLast().allSatisfy { $0.count == 3_200 })
        // Audio chunks, then the end of the audio stream (the file is the last audio input).
        #expect(stream.messages.last == .audioStreamEnd)
        #expect(
            stream.messages.dropLast().allSatisfy {
                if case .audio(let mime, _) = $0 { return mime == "audio/pcm;rate=16000" }
                return false
            })
        let middle = stream.samples[4_000..<12_000]
        #expect(SignalMeasure.dominantFrequency(middle, rate: 16_000, range: 900...1_100) == 1_000)
    }

    @Test(
        "a 1 kHz sine keeps its frequency and level through downmix and resampling",
        arguments: [44_100, 48_000, 8_000, 22_050, 96_000])
    func sineSurvivesResampling(rate: Int) throws {
        let tmp = try TemporaryDirectory("sine")
        let path = tmp.file("sine.wav")
        // Both channels carry the same tone, so the mono mix keeps the level: 0.5 peak = -9.03 dBFS RMS.
        try MediaFactory.tone(path, seconds: 2, rate: rate, channels: 2, volume: 0.5)
        let result = try encode([path])
        #expect(result.status == 0, "\(result.stderrText)")
        let samples = try EncodedStream(result.stdout).samples
        #expect(samples.count == 32_000)
        let steady = samples[4_000..<28_000]
        #expect(SignalMeasure.dominantFrequency(steady, rate: 16_000, range: 950...1_050) == 1_000)
        let levelDB = 20 * log10(SignalMeasure.rms(steady) / (0.5 / 2.0.squareRoot()))
        #expect(abs(levelDB) < 0.1, "level off by \(levelDB) dB")
    }

    @Test("a tone above the new Nyquist frequency does not fold back (no aliasing)")
    func noAliasing() throws {
        let tmp = try TemporaryDirectory("alias")
        let path = tmp.file("high.wav")
        // 9.5 kHz in a 44.1 kHz file would fold to 6.5 kHz at 16 kHz without a proper low-pass.
        try MediaFactory.tone(path, seconds: 1, frequency: 9_500, rate: 44_100, channels: 1, volume: 0.9)
        let result = try encode([path])
        #expect(result.status == 0)
        let samples = try EncodedStream(result.stdout).samples[2_000..<14_000]
        let folded = SignalMeasure.magnitude(samples, frequency: 6_500, rate: 16_000)
        #expect(20 * log10(max(folded, 1e-12) / 0.45) < -80, "alias at \(20 * log10(folded / 0.45)) dB")
    }

    @Test("a full-scale square wave clips instead of wrapping around")
    func loudInputClips() throws {
        let tmp = try TemporaryDirectory("clip")
        let path = tmp.file("square.wav")
        try MediaFactory.sox(["-n", "-r", "44100", "-c", "1", path, "synth", "0.5", "square", "200", "gain", "-n"])
        let samples = try EncodedStream(try encode([path]).stdout).samples
        // The resampler's ripple overshoots full scale; wrapped samples would flip sign next to +/-32767.
        var flips = 0
        for (a, b) in zip(samples, samples.dropFirst()) where abs(Int(a) - Int(b)) > 55_000 { flips += 1 }
        #expect(flips == 0)
        #expect(samples.contains(32_767) && samples.contains(-32_768))
    }

    @Test(
        "chunk sizes and counts are exact for any --chunk-ms",
        arguments: [(20, 2.5), (100, 1.05), (250, 0.3), (1_000, 3.0)])
    func chunkSizes(chunkMs: Int, seconds: Double) throws {
        let tmp = try TemporaryDirectory("chunks")
        let path = tmp.file("in.wav")
        try MediaFactory.tone(path, seconds: seconds, rate: 16_000, channels: 1)
        let result = try encode(["--chunk-ms", String(chunkMs), path])
        #expect(result.status == 0, "\(result.stderrText)")
        let chunks = try EncodedStream(result.stdout).audioChunks
        let total = Int((seconds * 16_000).rounded())
        let perChunk = chunkMs * 16
        #expect(chunks.count == (total + perChunk - 1) / perChunk)
        #expect(chunks.dropLast().allSatisfy { $0.count == perChunk * 2 })
        #expect(chunks.last!.count == (total - perChunk * (chunks.count - 1)) * 2)
    }

    @Test("a 16 kHz mono file passes through sample-exactly")
    func passthrough() throws {
        let tmp = try TemporaryDirectory("exact")
        let path = tmp.file("noise.wav")
        try MediaFactory.sox([
            "-n", "-r", "16000", "-c", "1", "-b", "16", path, "synth", "0.37", "whitenoise", "vol", "0.3",
        ])
        let raw = tmp.file("noise.raw")
        try MediaFactory.sox([path, "-t", "raw", raw])
        let samples = try EncodedStream(try encode([path]).stdout).samples
        let expected = try Data(contentsOf: URL(fileURLWithPath: raw)).withUnsafeBytes {
            Array($0.bindMemory(to: Int16.self))
        }
        #expect(samples == expected)
    }
}
