import Foundation
import GeminiLiveSystem
import Testing

@Suite struct DescriptorTests {
    @Test func writeAllDeliversMoreThanAPipeHoldsAtOnce() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
        let writeEnd = ends[1]
        // The pipe holds 64 KiB, so write(2) returns short many times while this thread drains it.
        let writer = Thread {
            try? Descriptor.writeAll(bytes, to: writeEnd)
            close(writeEnd)
        }
        writer.start()
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &chunk, chunk.count)
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        close(ends[0])
        #expect(received == bytes)
    }

    @Test func aClosedReaderIsAWriteErrorThatEndsTheRunQuietly() {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        signal(SIGPIPE, SIG_IGN)
        #expect(throws: SystemCallError(code: EPIPE)) { try Descriptor.writeAll([1, 2, 3], to: ends[1]) }
        #expect(ToolErrorCategory.write(errno: EPIPE) == .outputClosed)
        close(ends[1])
    }

    @Test func openForReadingRefusesADirectory() {
        #expect(throws: SystemCallError(code: EISDIR)) { try Descriptor.openForReading(NSTemporaryDirectory()) }
        #expect(throws: SystemCallError(code: ENOENT)) { try Descriptor.openForReading("/no/such/file") }
    }

    @Test func dashIsShownAsStdin() {
        #expect(displayName(of: "-") == "stdin")
        #expect(displayName(of: "a.wav") == "a.wav")
    }
}
