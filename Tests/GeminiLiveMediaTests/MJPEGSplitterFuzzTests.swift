import GeminiLiveTestSupport
import Testing

@testable import GeminiLiveMedia

/// Mutation fuzzing of the MJPEG splitter: hostile input must never crash it, grow it without
/// bound, or make it emit something that is not a whole JPEG.
@Suite(.serialized) struct MJPEGSplitterFuzzTests {
    /// Mutates `stream`: bit flips, byte runs of markers, deletions, duplications, truncation.
    static func mutate(_ stream: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = stream
        for _ in 0..<(1 + random.below(8)) {
            guard !bytes.isEmpty else { break }
            let at = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[at] ^= UInt8(1 << random.below(8))
            case 1: bytes.insert(contentsOf: [0xFF, [0xD8, 0xD9, 0xDA, 0x00, 0xE1, 0xFF][random.below(6)]], at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + random.below(64) + 1))
            case 3:
                let end = min(bytes.count, at + random.below(512) + 1)
                bytes.insert(contentsOf: Array(bytes[at..<end]), at: random.below(bytes.count))
            case 4: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: (0..<random.below(300)).map { _ in UInt8(random.below(256)) }, at: at)
            }
        }
        return bytes
    }

    @Test func mutatedStreamsNeverCrashAndOnlyYieldWholeJPEGs() throws {
        let fixtures = try MediaFixtures()
        let (stream, _) = try MJPEGSplitterTests.makeFrames(fixtures)
        var random = SeededGenerator(seed: 20_261_124)
        for _ in 0..<400 {
            let input = Self.mutate(stream, &random)
            var splitter = MJPEGSplitter(name: "fuzz", maximumFrameBytes: 64 << 10)
            var frames: [[UInt8]] = []
            var offset = 0
            while offset < input.count {
                let end = min(input.count, offset + 1 + random.below(4_096))
                input[offset..<end].withUnsafeBytes { splitter.append($0) }
                while let frame = splitter.nextFrame() { frames.append(frame) }
                offset = end
            }
            _ = try? splitter.finish()
            while let frame = splitter.nextFrame() { frames.append(frame) }
            for frame in frames {
                #expect(frame.starts(with: [0xFF, 0xD8]))
                #expect(Array(frame.suffix(2)) == [0xFF, 0xD9])
                #expect(frame.count <= 64 << 10)
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let input = (0..<random.below(20_000)).map { _ in UInt8(random.below(256)) }
            var splitter = MJPEGSplitter(name: "noise", maximumFrameBytes: 4_096)
            input.withUnsafeBytes { splitter.append($0) }
            while let frame = splitter.nextFrame() { #expect(frame.count <= 4_096) }
            _ = try? splitter.finish()
        }
    }
}
