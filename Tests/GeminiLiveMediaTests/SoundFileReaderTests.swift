import Foundation
import GeminiLiveSystem
import Testing

@testable import GeminiLiveMedia

@Suite(.serialized) struct SoundFileReaderTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var make: String  // "sox <args>" or "ffmpeg <args>", run in the fixture directory
        var rate: Int
        var frames: Int
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "s16.wav", make: "sox source.wav -b 16 s16.wav", rate: 44100, frames: 44100),
        Case(file: "u8.wav", make: "sox source.wav -b 8 u8.wav", rate: 44100, frames: 44100),
        Case(file: "s24.wav", make: "sox source.wav -b 24 s24.wav", rate: 44100, frames: 44100),
        Case(file: "s32.wav", make: "sox source.wav -b 32 s32.wav", rate: 44100, frames: 44100),
        Case(file: "float.wav", make: "sox source.wav -e floating-point float.wav", rate: 44100, frames: 44100),
        Case(file: "mulaw.wav", make: "sox source.wav -e mu-law mulaw.wav", rate: 44100, frames: 44100),
        Case(file: "alaw.wav", make: "sox source.wav -e a-law alaw.wav", rate: 44100, frames: 44100),
        Case(file: "x.flac", make: "sox source.wav x.flac", rate: 44100, frames: 44100),
        Case(file: "x.aiff", make: "sox source.wav x.aiff", rate: 44100, frames: 44100),
        Case(file: "x.ogg", make: "ffmpeg -i source.wav -c:a libvorbis x.ogg", rate: 44100, frames: 44100),
        Case(file: "x.opus", make: "ffmpeg -i source.wav -c:a libopus x.opus", rate: 48000, frames: 48000),
        Case(file: "x.mp3", make: "ffmpeg -i source.wav x.mp3", rate: 44100, frames: 44100),
    ]

    @Test(arguments: cases) func readsFormat(_ testCase: Case) throws {
        let fixtures = try MediaFixtures()
        try fixtures.sox("-n -r 44100 -c 2 source.wav synth 1 sine 1000")
        let parts = testCase.make.split(separator: " ", maxSplits: 1).map(String.init)
        if parts[0] == "sox" { try fixtures.sox(parts[1]) } else { try fixtures.ffmpeg(parts[1]) }
        let reader = try SoundFileReader(path: fixtures.path(testCase.file))
        #expect(reader.format == AudioStreamFormat(sampleRate: testCase.rate, channels: 2))
        #expect(reader.expectedFrames == testCase.frames)
        let samples = try Signal.readAll(reader)
        #expect(samples.count == testCase.frames * 2)
        // The level survives every codec; lossy ones land within a few per cent of the source.
        let source = try Signal.readAll(try SoundFileReader(path: fixtures.path("source.wav")))
        let rms = Signal.rms(samples[(samples.count / 4)..<(samples.count * 3 / 4)])
        let expected = Signal.rms(source[(source.count / 4)..<(source.count * 3 / 4)])
        #expect(abs(rms - expected) < 0.05 * expected, "rms \(rms), source \(expected)")
    }

    @Test func m4aGetsTheFfmpegHint() throws {
        let fixtures = try MediaFixtures()
        try fixtures.sox("-n -r 44100 -c 1 source.wav synth 1 sine 1000")
        try fixtures.ffmpeg("-i source.wav talk.m4a")
        let path = fixtures.path("talk.m4a")
        #expect(throws: MediaError.needsConversion(source: path, format: "M4A/AAC")) {
            try SoundFileReader(path: path)
        }
        let stem = String(path.dropLast(4))
        #expect(
            MediaError.needsConversion(source: path, format: "M4A/AAC").description
                == "\(path): M4A/AAC is not readable by libsndfile; convert it first: "
                + "ffmpeg -i \(path) -ac 1 -ar 16000 \(stem).wav")
    }

    @Test func missingFileIsNotFound() throws {
        let fixtures = try MediaFixtures()
        let path = fixtures.path("missing.wav")
        let error = #expect(throws: MediaError.self) { try SoundFileReader(path: path) }
        #expect(error?.category == .noInput)
        #expect(error?.description == "\(path): cannot open: No such file or directory")
    }

    @Test func textFileIsUnsupported() throws {
        let fixtures = try MediaFixtures()
        try fixtures.write("notes.wav", Array("just some notes\n".utf8))
        let path = fixtures.path("notes.wav")
        let error = #expect(throws: MediaError.self) { try SoundFileReader(path: path) }
        #expect(error?.category == .badData)
        #expect(error?.description == "\(path): unsupported or corrupt audio (libsndfile: Format not recognised.)")
    }

    @Test(arguments: ["cut.wav", "cut16.wav", "cut.flac", "cut.aiff"])
    func truncatedFileDeliversThenThrows(_ name: String) throws {
        let fixtures = try MediaFixtures()
        let full = name.replacingOccurrences(of: "cut", with: "full")
        let bits = name == "cut16.wav" || name == "cut.aiff" ? "-b 16 " : ""
        try fixtures.sox("-n -r 44100 -c 2 \(bits)\(full) synth 1 sine 1000")
        let bytes = try fixtures.read(full)
        try fixtures.write(name, bytes.prefix(bytes.count / 2))
        let reader = try SoundFileReader(path: fixtures.path(name))
        var buffer = [Float](repeating: 0, count: 8192)
        var frames = 0
        var caught: MediaError? = nil
        while caught == nil {
            do {
                let count = try buffer.withUnsafeMutableBufferPointer { (b) throws(MediaError) in
                    try reader.read(into: b)
                }
                if count == 0 { break }
                frames += count
            } catch {
                caught = error
            }
        }
        #expect(frames > 10000, "the frames that were there are delivered first")
        guard case .truncated(_, let promised, let actual)? = caught else {
            Issue.record("expected truncated, got \(String(describing: caught))")
            return
        }
        #expect(promised == 44100)
        #expect(actual == frames)
        #expect(caught?.category == .badData)
    }

    @Test func completeWavFromAStreamingWriterIsNotTruncated() throws {
        // ffmpeg writing to a pipe leaves 0xFFFFFFFF as the data size: "unknown", not a promise.
        let fixtures = try MediaFixtures()
        try fixtures.sox("-n -r 16000 -c 1 source.wav synth 1 sine 1000")
        let piped = try fixtures.run("ffmpeg", ["-loglevel", "error", "-i", "source.wav", "-f", "wav", "-"])
        try fixtures.write("piped.wav", piped)
        let samples = try Signal.readAll(try SoundFileReader(path: fixtures.path("piped.wav")))
        #expect(samples.count == 16000)
    }

    @Test func rawPCMReadsAndRejectsAPartialFrame() throws {
        let fixtures = try MediaFixtures()
        let values: [Int16] = [0, 16384, -16384, 32767, -32768, 1]
        let bytes = values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        try fixtures.write("x.raw", bytes)
        let reader = try RawPCMReader(path: fixtures.path("x.raw"), sampleRate: 16000, channels: 2, encoding: .s16le)
        #expect(reader.expectedFrames == 3)
        #expect(try Signal.readAll(reader) == values.map { Float($0) / 32768 })

        try fixtures.write("odd.raw", bytes + [1, 2, 3])
        let odd = try RawPCMReader(path: fixtures.path("odd.raw"), sampleRate: 16000, channels: 2, encoding: .s16le)
        let error = #expect(throws: MediaError.self) { try Signal.readAll(odd) }
        #expect(error?.description == "\(fixtures.path("odd.raw")): 3 trailing bytes are not a whole frame")

        let floats: [Float] = [0.5, -0.25]
        try fixtures.write(
            "f.raw", floats.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } })
        let f32 = try RawPCMReader(path: fixtures.path("f.raw"), sampleRate: 8000, channels: 1, encoding: .f32le)
        #expect(try Signal.readAll(f32) == floats)
    }
}
