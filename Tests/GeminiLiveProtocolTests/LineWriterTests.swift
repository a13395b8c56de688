import Foundation
import Testing

@testable import GeminiLiveProtocol

@Suite(.serialized)
struct LineWriterTests {
    @Test func pipeGetsEveryLineAtOnce() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        var writer = LineWriter(fileDescriptor: ends[1])
        #expect(writer.policy == .everyLine)
        try writer.write(Array("{\"a\":1}".utf8))
        var chunk = [UInt8](repeating: 0, count: 64)
        let count = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress!, $0.count) }
        #expect(Array(chunk[0..<count]) == Array("{\"a\":1}\n".utf8))
        try writer.writeRaw(Array("{}\n[]".utf8))
        close(ends[1])
        #expect(PipeFeeder.drain(ends[0]) == Array("{}\n[]\n".utf8))
    }

    @Test func regularFileIsBufferedUntilFlush() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("linewriter-\(getpid()).ndjson").path
        let fileDescriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer {
            close(fileDescriptor)
            unlink(path)
        }
        var writer = LineWriter(fileDescriptor: fileDescriptor)
        #expect(writer.policy == .buffered(65536))
        for index in 0..<10 { try writer.write(Array("{\"i\":\(index)}".utf8)) }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
        try writer.flush()
        let expected = (0..<10).map { "{\"i\":\($0)}\n" }.joined()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        // Past the limit the writer flushes on its own, at a line boundary.
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 70_000)
        try writer.write(long)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == expected.utf8.count + 70_001)
    }

    @Test func closedReaderIsBrokenPipe() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        var writer = LineWriter(fileDescriptor: ends[1])
        #expect(throws: LineWriterError.brokenPipe) { try writer.write(Array("{}".utf8)) }
    }

    @Test func otherErrorsCarryErrno() {
        var writer = LineWriter(fileDescriptor: -1, policy: .everyLine)
        #expect(throws: LineWriterError.io(EBADF, "Bad file descriptor")) { try writer.write(Array("{}".utf8)) }
    }
}
