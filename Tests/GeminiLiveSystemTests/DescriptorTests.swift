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

    @Test func writeAllOfPartsGoesOnInsideAPartAfterAShortWrite() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        // Three parts, each larger than the pipe holds: every short write stops inside one of them.
        let parts = (0..<3).map { part in (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 + part) } }
        let writeEnd = ends[1]
        let writer = Thread {
            parts[0].withUnsafeBytes { a in
                parts[1].withUnsafeBytes { b in
                    parts[2].withUnsafeBytes { c in
                        let vectors = [a, b, c].map {
                            iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
                        }
                        vectors.withUnsafeBufferPointer { try? Descriptor.writeAll($0, to: writeEnd) }
                    }
                }
            }
            close(writeEnd)
        }
        writer.start()
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let count = read(ends[0], &chunk, chunk.count), count > 0 { received += chunk[0..<count] }
        close(ends[0])
        #expect(received == parts.flatMap { $0 })
    }

    @Test func writeAvailableTakesWhatFitsAndThenNothing() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let bytes = [UInt8](repeating: 1, count: 1 << 20)
        let writeEnd = ends[1]
        let (first, second) = try bytes.withUnsafeBytes { raw in
            let parts = [iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress), iov_len: raw.count)]
            return try parts.withUnsafeBufferPointer { parts in
                (
                    try Descriptor.writeAvailable(parts, to: writeEnd, isSocket: false),
                    try Descriptor.writeAvailable(parts, to: writeEnd, isSocket: false)
                )
            }
        }
        #expect(first > 0 && first < bytes.count, "a pipe holds less than 1 MiB")
        #expect(second == 0, "a full pipe takes nothing, without an error")
        close(ends[0])
        close(ends[1])
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
