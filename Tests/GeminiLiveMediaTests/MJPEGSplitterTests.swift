import Foundation
import GeminiLiveSystem
import Testing

@testable import GeminiLiveMedia

@Suite(.serialized) struct MJPEGSplitterTests {
    /// Seven 160×120 frames as ffmpeg writes them to an MJPEG stream, and the same frames as separate files.
    static func makeFrames(_ fixtures: MediaFixtures) throws -> (stream: [UInt8], frames: [[UInt8]]) {
        let source = "-f lavfi -i testsrc=size=160x120:rate=5 -frames:v 7"
        try fixtures.ffmpeg("\(source) -f mjpeg stream.mjpeg")
        try fixtures.ffmpeg("\(source) -f image2 frame%d.jpg")
        return (try fixtures.read("stream.mjpeg"), try (1...7).map { try fixtures.read("frame\($0).jpg") })
    }

    static func split(_ stream: [UInt8], chunkSizes: () -> Int) throws -> (frames: [[UInt8]], splitter: MJPEGSplitter) {
        var splitter = MJPEGSplitter()
        var frames: [[UInt8]] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + max(1, chunkSizes()))
            stream[offset..<end].withUnsafeBytes { splitter.append($0) }
            while let frame = splitter.nextFrame() { frames.append(frame) }
            offset = end
        }
        try splitter.finish()
        return (frames, splitter)
    }

    @Test func splitsIntoTheFramesFfmpegWrote() throws {
        let fixtures = try MediaFixtures()
        let (stream, expected) = try Self.makeFrames(fixtures)
        var generator = SystemRandomNumberGenerator()
        for sizes in [{ stream.count }, { 1 }, { Int.random(in: 1...5000, using: &generator) }] as [() -> Int] {
            let (frames, splitter) = try Self.split(stream, chunkSizes: sizes)
            #expect(frames == expected)
            #expect(splitter.skippedBytes == 0)
        }
        for frame in expected {
            #expect(ImageFormat.sniff(frame) == .jpeg)
            #expect(ImageInfo.dimensions(of: frame)! == (160, 120))
        }
    }

    @Test func skipsJunkBeforeAndBetweenFrames() throws {
        let fixtures = try MediaFixtures()
        let (_, expected) = try Self.makeFrames(fixtures)
        // Junk that looks like markers: a lone FF D8, FF D9 and stuffing, but never FF D8 FF.
        let junk: [UInt8] = Array("garbage".utf8) + [0xFF, 0xD8, 0x00, 0xFF, 0xD9, 0xFF, 0x00, 0x12]
        var stream = junk
        for frame in expected { stream += frame + junk }
        var generator = SystemRandomNumberGenerator()
        for sizes in [{ 1 }, { Int.random(in: 1...3000, using: &generator) }] as [() -> Int] {
            let (frames, splitter) = try Self.split(stream, chunkSizes: sizes)
            #expect(frames == expected)
            #expect(splitter.skippedBytes == junk.count * 8)
        }
    }

    @Test func exifThumbnailDoesNotSplitTheFrame() throws {
        let fixtures = try MediaFixtures()
        let (_, expected) = try Self.makeFrames(fixtures)
        try fixtures.ffmpeg("-f lavfi -i testsrc=size=32x24 -frames:v 1 thumb.jpg")
        let thumbnail = try fixtures.read("thumb.jpg")
        // APP1 "Exif\0\0" carrying a whole JPEG (with its own FF D8 ... FF D9) right after SOI.
        let payload = Array("Exif".utf8) + [0, 0] + thumbnail
        let length = payload.count + 2
        let app1: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        let withExif = [0xFF, 0xD8] + app1 + expected[0].dropFirst(2)
        let (frames, _) = try Self.split(withExif + expected[1], chunkSizes: { 7 })
        #expect(frames == [withExif, expected[1]])
        #expect(ImageInfo.dimensions(of: withExif)! == (160, 120))
    }

    @Test func truncatedLastFrameIsReported() throws {
        let fixtures = try MediaFixtures()
        let (stream, expected) = try Self.makeFrames(fixtures)
        var splitter = MJPEGSplitter(name: "cam.mjpeg")
        stream.dropLast(100).withUnsafeBytes { splitter.append($0) }
        var frames: [[UInt8]] = []
        while let frame = splitter.nextFrame() { frames.append(frame) }
        #expect(frames == Array(expected.prefix(6)))
        #expect(throws: MediaError.truncatedFrame(source: "cam.mjpeg", bytes: expected[6].count - 100)) {
            try splitter.finish()
        }
    }

    @Test func oversizedFrameIsSkippedInBoundedMemory() throws {
        let fixtures = try MediaFixtures()
        let (stream, expected) = try Self.makeFrames(fixtures)
        let limit = expected.map(\.count).min()! - 1
        let (frames, splitter) = try Self.split(stream, chunkSizes: { 512 })
        #expect(frames.count == 7)
        var capped = MJPEGSplitter(maximumFrameBytes: limit)
        stream.withUnsafeBytes { capped.append($0) }
        #expect(capped.nextFrame()?.count == nil)
        #expect(capped.skippedBytes == stream.count)
        var trickled = MJPEGSplitter(maximumFrameBytes: limit)
        for byte in stream { trickled.append(contentsOf: [byte]) }
        #expect(trickled.nextFrame()?.count == nil)
        #expect(trickled.skippedBytes >= stream.count - 2)
        #expect(splitter.skippedBytes == 0)
    }

    /// Found by the mjpeg-splitter fuzz target (its corpus keeps the input): an oversized frame whose segment
    /// ran past the bytes read so far was dropped only up to them, so the rest was searched for a frame start
    /// and a JPEG inside the segment became a frame or not depending on how the stream was cut into reads.
    @Test func oversizedSegmentIsSkippedWholeHoweverTheStreamIsCut() throws {
        // SOI, then an APP1 segment of 16 bytes with a whole tiny JPEG (FF D8 FF D9) inside it, then more.
        let stream: [UInt8] = [
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, 0x45, 0x78, 0xE9, 0x66, 0xFF, 0xD8, 0xFF, 0xD9, 0x2E, 0x2E,
            0x2E, 0x2E, 0xFF, 0xDA, 0x00, 0x02, 0xDA, 0x02, 0x01, 0xFF, 0xFF, 0x00, 0xC4, 0x00, 0x02, 0x02,
            0xFF, 0xD9,
        ]
        for limit in [4, 8, 12] {
            var whole = MJPEGSplitter(maximumFrameBytes: limit)
            whole.append(contentsOf: stream)
            #expect(whole.nextFrame() == nil)
            #expect(throws: Never.self) { try whole.finish() }
            #expect(whole.skippedBytes == stream.count)
            for chunk in [1, 2, 3, 5, 8] {
                var cut = MJPEGSplitter(maximumFrameBytes: limit)
                var frames: [[UInt8]] = []
                for start in stride(from: 0, to: stream.count, by: chunk) {
                    cut.append(contentsOf: stream[start..<min(stream.count, start + chunk)])
                    while let frame = cut.nextFrame() { frames.append(frame) }
                }
                #expect(throws: Never.self) { try cut.finish() }
                #expect(frames.isEmpty, "limit \(limit), chunks of \(chunk)")
                #expect(cut.skippedBytes == stream.count, "limit \(limit), chunks of \(chunk)")
            }
        }
    }

    @Test func readerReadsFramesAndRejectsNonMJPEG() throws {
        let fixtures = try MediaFixtures()
        let (_, expected) = try Self.makeFrames(fixtures)
        let reader = try MJPEGReader(path: fixtures.path("stream.mjpeg"))
        var frames: [[UInt8]] = []
        while let frame = try reader.nextFrame() { frames.append(frame) }
        #expect(frames == expected)

        try fixtures.write("frames.mjpeg", [UInt8](repeating: 0x41, count: (1 << 20) + 10))
        let path = fixtures.path("frames.mjpeg")
        let error = #expect(throws: MediaError.self) { try MJPEGReader(path: path).nextFrame() }
        #expect(error?.description == "\(path): not an MJPEG stream (no JPEG start marker in the first 1 MiB)")
        #expect(error?.category == .badData)
    }
}
