import Foundation
import GeminiLiveTestSupport
import Testing

@Suite("encode: MJPEG streams")
struct EncodeVideoTests {
    /// Seven 5 fps frames from ffmpeg's test pattern, as one MJPEG stream and as single files.
    static func makeFrames(in tmp: TemporaryDirectory) throws -> (stream: Data, frames: [Data]) {
        let stream = tmp.file("clip.mjpeg")
        try MediaFactory.ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-frames:v", "7", "-f", "mjpeg", stream,
        ])
        try MediaFactory.ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-frames:v", "7", "-f", "image2", tmp.file("f%02d.jpg"),
        ])
        let frames = try (1...7).map {
            try Data(contentsOf: URL(fileURLWithPath: tmp.file(String(format: "f%02d.jpg", $0))))
        }
        return (try Data(contentsOf: URL(fileURLWithPath: stream)), frames)
    }

    @Test("splits an MJPEG stream into its frames, byte for byte, with junk between and before frames")
    func splitsWithJunk() throws {
        let tmp = try TemporaryDirectory("mjpeg")
        let (stream, frames) = try Self.makeFrames(in: tmp)
        #expect(frames.reduce(0) { $0 + $1.count } == stream.count)
        var dirty = Data("garbage before the first frame \u{0}\u{FF}\u{D8}".utf8)
        for (index, frame) in frames.enumerated() {
            dirty.append(frame)
            dirty.append(Data(repeating: UInt8(index * 37 % 256), count: 1 + index * 100))
            dirty.append(contentsOf: [0xFF, 0xD9, 0xFF, 0x00])
        }
        let result = try encode(["--fps", "0", "--mjpeg", "-"], stdin: dirty)
        #expect(result.status == 0, "\(result.stderrText)")
        let sent = try EncodedStream(result.stdout).messages
        #expect(sent == frames.map { .video(mimeType: "image/jpeg", bytes: $0) })
    }

    @Test(
        "--source-fps thins a 5 fps stream to --fps by frame count",
        arguments: [(1.0, [0, 5]), (2.5, [0, 2, 4, 6]), (0.0, [0, 1, 2, 3, 4, 5, 6])] as [(Double, [Int])])
    func thinsByCount(fps: Double, kept: [Int]) throws {
        let tmp = try TemporaryDirectory("thin")
        let (stream, frames) = try Self.makeFrames(in: tmp)
        let path = tmp.file("in.mjpeg")
        try stream.write(to: URL(fileURLWithPath: path))
        let result = try encode(["--mjpeg", path, "--source-fps", "5", "--fps", String(fps)])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            try EncodedStream(result.stdout).messages == kept.map { .video(mimeType: "image/jpeg", bytes: frames[$0]) })
    }

    @Test("without --source-fps a stream read faster than real time keeps only the first frame per second")
    func thinsByArrival() throws {
        let tmp = try TemporaryDirectory("arrival")
        let (stream, frames) = try Self.makeFrames(in: tmp)
        let result = try encode(["--mjpeg", "-"], stdin: stream)
        #expect(result.status == 0)
        #expect(try EncodedStream(result.stdout).messages == [.video(mimeType: "image/jpeg", bytes: frames[0])])
    }

    @Test("a truncated last frame is reported after the complete ones were sent")
    func truncatedFrame() throws {
        let tmp = try TemporaryDirectory("trunc")
        let (stream, frames) = try Self.makeFrames(in: tmp)
        let cut = stream.prefix(stream.count - frames[6].count / 2)
        let result = try encode(["--fps", "0", "--mjpeg", "-"], stdin: Data(cut))
        #expect(result.status == 65)
        #expect(result.stderrText.hasPrefix("gemini-live-encode: stdin: "))
        #expect(try EncodedStream(result.stdout).messages.count == 6)
    }

    @Test("a stream that is not MJPEG is refused")
    func notMJPEG() throws {
        let result = try encode(["--mjpeg", "-"], stdin: Data(repeating: 0x41, count: 2 << 20))
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.hasPrefix("gemini-live-encode: stdin: "))
    }
}
