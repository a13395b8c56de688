import Foundation
import Testing

@testable import GeminiLiveMedia

struct SoundFileWriterTests {
    static let samples: [Int16] = (0..<24000).map { Int16(truncatingIfNeeded: $0 &* 37 &- 12000) }

    @Test(arguments: ["out.wav", "out.flac"])
    func writesInPiecesAndReadsBackExactly(_ name: String) throws {
        let fixtures = try MediaFixtures()
        let path = fixtures.path(name)
        let container = try #require(AudioContainer(path: path))
        let writer = try SoundFileWriter(path: path, sampleRate: 16000, channels: 2, container: container)
        var written = 0
        for piece in stride(from: 0, to: Self.samples.count, by: 3200) {
            let end = min(piece + 3200, Self.samples.count)
            try writer.write(Array(Self.samples[piece..<end]))
            written = end
            if container == .wav {
                // Between writes the header never claims more than the file holds.
                #expect(try SoundFileReader(path: path).expectedFrames ?? 0 <= written / 2)
                // After a commit, before close, the header describes everything written so far.
                try writer.commit()
                let reader = try SoundFileReader(path: path)
                #expect(reader.expectedFrames == written / 2)
                #expect(try Signal.readAll(reader).count == written)
            }
        }
        try writer.close()
        try writer.close()
        #expect(writer.framesWritten == 12000)
        let back = try Signal.readAll(try SoundFileReader(path: path))
        #expect(back.map { Int16($0 * 32768) } == Self.samples)
    }

    @Test(arguments: ["out.ogg", "out.opus"])
    func writesLossyContainers(_ name: String) throws {
        let fixtures = try MediaFixtures()
        let path = fixtures.path(name)
        let writer = try SoundFileWriter(
            path: path, sampleRate: 16000, channels: 1, container: try #require(AudioContainer(path: path)))
        try writer.write(Self.samples)
        try writer.close()
        let reader = try SoundFileReader(path: path)
        #expect(try Signal.readAll(reader).count > 0)
    }

    @Test func containerFromExtension() {
        #expect(AudioContainer(pathExtension: "WAV") == .wav)
        #expect(AudioContainer(pathExtension: ".flac") == .flac)
        #expect(AudioContainer(path: "a/b.opus") == .opus)
        #expect(AudioContainer(path: "noext") == nil)
        #expect(AudioContainer(pathExtension: "mp3") == nil)
    }
}
