import Dispatch
import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization
import Testing

@testable import GeminiLiveSession

#if canImport(Glibc)
    import Glibc
#endif

/// `StdoutWriter` on a real pipe whose reader starts late, stops, or goes away.
@Suite("stdout writer: a lagging reader holds back neither the loop nor a byte")
struct StdoutWriterTests {
    /// About `total` bytes of lines of uneven lengths (1 byte to 20 KiB), each naming its number.
    static func lines(total: Int) -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        var lines: [[UInt8]] = []
        var size = 0
        while size < total {
            let length = Int.random(in: 1...20_000, using: &generator)
            var line = Array("\(lines.count):".utf8)
            line += (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            size += line.count + 1
            lines.append(line)
        }
        return lines
    }

    /// Reads `descriptor` to its end on a thread of its own, from when `go` is signalled (or 30 s pass).
    final class LateReader: Sendable {
        let go = DispatchSemaphore(value: 0)
        let started = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        let received = Mutex<[UInt8]>([])

        init(_ descriptor: Int32) {
            BlockingThread.start {
                _ = self.go.wait(timeout: .now() + 30)
                self.started.store(true, ordering: .releasing)
                var chunk = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = read(descriptor, &chunk, chunk.count)
                    if count <= 0 { break }
                    self.received.withLock { $0 += chunk[0..<count] }
                }
                close(descriptor)
                self.done.signal()
            }
        }
    }

    static func pipePair() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    /// A connected stream socket pair, as libuv-based parents (Node.js) give a child for its stdout.
    static func socketPair() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        return (ends[0], ends[1])
    }

    @Test(
        "2 MiB of lines go out while the reader has not started (no wait), then arrive whole and in order",
        arguments: ["pipe", "socket"])
    func readerNotStartedYet(kind: String) throws {
        let (readEnd, writeEnd) = kind == "pipe" ? Self.pipePair() : Self.socketPair()
        let lines = Self.lines(total: 2 << 20)
        let reader = LateReader(readEnd)
        let writer = StdoutWriter(fileDescriptor: writeEnd)
        defer { writer.stop() }
        // A pipe holds 64 KiB and the reader waits for `go` (30 s at most): a writer that blocked would
        // only get past this loop once the reader gave up waiting.
        for line in lines { try writer.write(line) }
        let readerStarted = reader.started.load(ordering: .acquiring)
        #expect(!readerStarted, "the writes waited for the reader")
        reader.go.signal()
        try writer.finish()
        if kind == "socket" { shutdown(writeEnd, Int32(SHUT_WR)) }
        close(writeEnd)
        #expect(reader.done.wait(timeout: .now() + 60) == .success)
        let expected = lines.flatMap { $0 + [UInt8(ascii: "\n")] }
        let received = reader.received.withLock { $0 }
        #expect(received.count == expected.count)
        #expect(received == expected, "lines arrived whole and in order")
    }

    @Test("past the cushion the writer waits for the reader: memory stays bounded, nothing is lost")
    func cushionHolds() throws {
        let (readEnd, writeEnd) = Self.pipePair()
        let lines = Self.lines(total: 2 << 20)
        let reader = LateReader(readEnd)
        let cushion = 256 << 10
        let firstWait = DispatchSemaphore(value: 0)
        let waits = Atomic<Int>(0)
        let writer = StdoutWriter(
            fileDescriptor: writeEnd, cushion: cushion,
            waiting: { if waits.add(1, ordering: .relaxed).newValue == 1 { firstWait.signal() } })
        defer { writer.stop() }
        let written = Atomic<Int>(0)
        let allWritten = DispatchSemaphore(value: 0)
        BlockingThread.start {
            for line in lines {
                try? writer.write(line)
                written.add(1, ordering: .relaxed)
            }
            allWritten.signal()
        }
        // Without a reader the writes stop once the queue passes the cushion: at least a cushion's worth
        // (beyond what the pipe took) went out, and the line that crossed it is still being written.
        #expect(firstWait.wait(timeout: .now() + 60) == .success, "the writer never waited for the reader")
        let before = written.load(ordering: .relaxed)
        #expect(before < lines.count, "\(before) of \(lines.count) lines went out without a reader")
        let offered = lines[...min(before, lines.count - 1)].reduce(0) { $0 + $1.count + 1 }
        #expect(offered > cushion, "waited with \(offered) bytes offered, under the \(cushion)-byte cushion")
        reader.go.signal()
        #expect(allWritten.wait(timeout: .now() + 60) == .success)
        #expect(written.load(ordering: .relaxed) == lines.count)
        try writer.finish()
        close(writeEnd)
        #expect(reader.done.wait(timeout: .now() + 60) == .success)
        #expect(reader.received.withLock { $0 } == lines.flatMap { $0 + [UInt8(ascii: "\n")] })
    }

    @Test("a reader that goes away: the write fails with a broken pipe, reported once")
    func readerGone() throws {
        signal(SIGPIPE, SIG_IGN)
        let (readEnd, writeEnd) = Self.pipePair()
        // One page, whatever the machine's page size: the lines below cannot all fit.
        _ = fcntl(writeEnd, 1031 /* F_SETPIPE_SZ */, 4096)
        let reports = Mutex<[LineWriterError]>([])
        let reported = DispatchSemaphore(value: 0)
        let writer = StdoutWriter(fileDescriptor: writeEnd)
        writer.reportFailures { error in
            reports.withLock { $0.append(error) }
            reported.signal()
        }
        defer { writer.stop() }
        // Fill the pipe so that later lines queue for the thread, then take the reader away: the thread's
        // blocked write fails, and it reports that from its own thread.
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 16 << 10)
        for _ in 0..<8 { try writer.write(line) }
        close(readEnd)
        #expect(reported.wait(timeout: .now() + 60) == .success, "no failure was reported")
        #expect(throws: LineWriterError.brokenPipe) { try writer.write(line) }
        #expect(throws: LineWriterError.brokenPipe) { try writer.finish() }
        #expect(reports.withLock { $0 } == [.brokenPipe])
        close(writeEnd)
    }

    @Test("stop returns once the writer thread has ended, also when called twice; later lines go out directly")
    func stopEndsTheThread() throws {
        let (readEnd, writeEnd) = Self.pipePair()
        let writer = StdoutWriter(fileDescriptor: writeEnd)
        try writer.write(Array("one".utf8))
        try writer.finish()
        writer.stop()
        writer.stop()
        try writer.write(Array("two".utf8))
        try writer.finish()
        close(writeEnd)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while case let count = read(readEnd, &chunk, chunk.count), count > 0 { received += chunk[0..<count] }
        close(readEnd)
        #expect(String(decoding: received, as: UTF8.self) == "one\ntwo\n")
    }
}
