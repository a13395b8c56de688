import GeminiLiveProtocol
import GeminiLiveSystem
import NIOConcurrencyHelpers
import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the session's output lines to stdout without letting a slow reader stall the event loop.
///
/// The loop relays both directions, so a write to stdout that blocked it would also hold back the
/// user's input until the reader caught up. A line therefore first goes out without waiting: on a pipe
/// through a second, non-blocking descriptor for the same pipe (opened through /proc, so stdout's own
/// open file, which other processes may share, stays blocking), on a socket with MSG_DONTWAIT. What the
/// reader cannot take at once queues for a writer thread, and later lines follow it there to keep their
/// order. The queue is bounded by `cushion` bytes: past that the loop waits after all, so a reader that
/// stops for good slows the socket instead of growing memory. Regular files, terminals and devices (and
/// every output when /proc or a thread is missing) are written directly, in blocks for files.
final class StdoutWriter: Sendable {
    /// What only the caller of `write`, `finish` and `stop` (the loop) touches.
    private struct Direct {
        var blocking: LineWriter
        /// Where a line goes without waiting: the pipe opened again with O_NONBLOCK, or stdout itself when
        /// it is a socket; -1 when lines are written directly.
        var nonBlocking: Int32 = -1
    }

    /// What the loop and the writer thread share.
    private struct Shared {
        var queue = CircularBuffer<[UInt8]>()  // a ring: a written line is freed at once
        var queuedBytes = 0
        var writing = false
        var failure: LineWriterError?
        var threadRunning = false
        var stopping = false
        /// The writer thread waits for `threadWake`: set it when work arrives or on `stop`.
        var threadParked = false
        /// The loop waits for `loopWake`: set it when a write ends or the thread exits.
        var loopParked = false
        /// Told once, from the writer thread, when a queued write fails (`reportFailures(to:)`).
        var failed: (@Sendable (LineWriterError) -> Void)?
    }

    private let fileDescriptor: Int32
    private let isSocket: Bool
    private let cushion: Int
    private let waiting: (@Sendable () -> Void)?
    private let direct: Mutex<Direct>
    private let shared = Mutex(Shared())
    // At most one side waits at a time (the thread only while the queue is empty, the loop only while it
    // is not), and each wake token is set once per `parked` flag its waker clears, so none is lost.
    private let threadWake = ConditionLock(value: false)
    private let loopWake = ConditionLock(value: false)

    /// A writer for `fileDescriptor`. `waiting` is called each time the loop is about to wait for the
    /// thread (tests watch the cushion with it).
    init(fileDescriptor: Int32 = 1, cushion: Int = 8 << 20, waiting: (@Sendable () -> Void)? = nil) {
        self.fileDescriptor = fileDescriptor
        self.cushion = cushion
        self.waiting = waiting
        var info = stat()
        let type = fstat(fileDescriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        isSocket = type == S_IFSOCK
        var direct = Direct(blocking: LineWriter(fileDescriptor: fileDescriptor))
        if type == S_IFIFO {
            // A second, non-blocking description of the same pipe: only Linux's /proc/self/fd opens one (elsewhere
            // /dev/fd/N duplicates the descriptor, and O_NONBLOCK would reach the caller's); there, writes block.
            #if os(Linux)
                direct.nonBlocking = open("/proc/self/fd/\(fileDescriptor)", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            #endif
        } else if isSocket {
            direct.nonBlocking = fileDescriptor
        }
        self.direct = Mutex(direct)
        guard direct.nonBlocking >= 0 else { return }
        // Started now, not on the first lagging line: then the loop is never the one left waiting if
        // no thread can be had.
        shared.withLock { $0.threadRunning = true }
        if !BlockingThread.tryStart({ self.drain() }) {
            shared.withLock { $0.threadRunning = false }
            if !isSocket { close(direct.nonBlocking) }
            self.direct.withLock { $0.nonBlocking = -1 }
        }
    }

    /// Has `failed` called once, from the writer thread, if a queued write fails.
    ///
    /// Set after `init` so that an owner can hand over a closure that captures itself: a failure before
    /// this is still thrown by the next `write` or `finish`, which is where the loop learns of it anyway.
    func reportFailures(to failed: @escaping @Sendable (LineWriterError) -> Void) {
        shared.withLock { $0.failed = failed }
    }

    /// Writes `line` and a newline; call on the loop. Throws the first failure, its own or the thread's.
    func write(_ line: [UInt8]) throws(LineWriterError) {
        try direct.withLock { direct throws(LineWriterError) in
            guard direct.nonBlocking >= 0 else { return try direct.blocking.write(line) }
            try queueing(line, nonBlocking: direct.nonBlocking)
        }
    }

    private func queueing(_ line: [UInt8], nonBlocking: Int32) throws(LineWriterError) {
        let (idle, failure) = shared.withLock { ($0.queuedBytes == 0 && !$0.writing, $0.failure) }
        if let failure { throw failure }
        var rest: [UInt8]
        if idle {
            // Only this thread adds to the queue, so it stays empty until the write below is done.
            let written: Int
            do throws(LineWriterError) {
                written = try writeAvailable(line, to: nonBlocking)
            } catch {
                shared.withLock { $0.failure = error }
                throw error
            }
            if written == line.count + 1 { return }
            rest = written < line.count ? Array(line[written...]) : []
        } else {
            rest = line
        }
        rest.append(UInt8(ascii: "\n"))
        let wakeThread = shared.withLock { shared in
            shared.queuedBytes += rest.count
            shared.queue.append(rest)
            return Self.unpark(&shared.threadParked)
        }
        if wakeThread { Self.wake(threadWake) }
        waitOnLoop { $0.failure == nil && $0.queuedBytes > cushion }
    }

    /// Writes out everything buffered or queued, waiting for the thread, and closes the non-blocking
    /// descriptor (the reader sees the end once stdout closes too); call on the loop, last but for `stop`.
    func finish() throws(LineWriterError) {
        waitOnLoop { $0.failure == nil && ($0.queuedBytes > 0 || $0.writing) }
        let failure = shared.withLock { $0.failure }
        try direct.withLock { direct throws(LineWriterError) in
            if direct.nonBlocking >= 0, !isSocket { close(direct.nonBlocking) }
            direct.nonBlocking = -1
            if let failure { throw failure }
            try direct.blocking.flush()
        }
    }

    /// Ends the writer thread and waits for it; lines still queued are dropped. Call after `finish` (or
    /// once the reader is gone): a write under way completes first. Later writes go out directly.
    func stop() {
        let (running, wakeThread) = shared.withLock { shared in
            shared.stopping = true
            return (shared.threadRunning, Self.unpark(&shared.threadParked))
        }
        if wakeThread { Self.wake(threadWake) }
        if running { waitOnLoop { $0.threadRunning } }
        direct.withLock { direct in
            if direct.nonBlocking >= 0, !isSocket { close(direct.nonBlocking) }
            direct.nonBlocking = -1
        }
    }

    /// Waits on the calling (loop) thread while `blocked` holds for the shared state.
    private func waitOnLoop(while blocked: (Shared) -> Bool) {
        while shared.withLock({ shared in
            guard blocked(shared) else { return false }
            shared.loopParked = true
            return true
        }) {
            waiting?()
            Self.park(loopWake)
        }
    }

    /// Clears a `parked` flag, saying whether its owner must be woken.
    private static func unpark(_ parked: inout Bool) -> Bool {
        defer { parked = false }
        return parked
    }

    private static func park(_ token: ConditionLock<Bool>) {
        token.lock(whenValue: true)
        token.unlock(withValue: false)
    }

    private static func wake(_ token: ConditionLock<Bool>) {
        token.lock()
        token.unlock(withValue: true)
    }

    /// Writes as much of `line` and its newline as the reader takes now, in one call; returns the count.
    private func writeAvailable(_ line: [UInt8], to nonBlocking: Int32) throws(LineWriterError) -> Int {
        var newline = UInt8(ascii: "\n")
        let outcome: Result<Int, SystemCallError> = line.withUnsafeBytes { bytes in
            withUnsafeMutablePointer(to: &newline) { end in
                // On the stack: this runs for every server message.
                withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                    parts[0] = iovec(
                        iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
                    parts[1] = iovec(iov_base: UnsafeMutableRawPointer(end), iov_len: 1)
                    return Result { () throws(SystemCallError) in
                        try Descriptor.writeAvailable(UnsafeBufferPointer(parts), to: nonBlocking, isSocket: isSocket)
                    }
                }
            }
        }
        switch outcome {
        case .success(let written): return written
        case .failure(let error): throw LineWriterError(code: error.code)
        }
    }

    /// The writer thread: takes queued bytes in order and writes them through the blocking descriptor,
    /// until `stop`.
    private func drain() {
        enum Step {
            case write([UInt8])
            case park
            case exit
        }
        var writer = LineWriter(fileDescriptor: fileDescriptor, policy: .everyLine)
        while true {
            let step = shared.withLock { shared -> Step in
                if shared.stopping { return .exit }
                guard let bytes = shared.queue.popFirst() else {
                    shared.threadParked = true
                    return .park
                }
                shared.writing = true
                return .write(bytes)
            }
            switch step {
            case .park:
                Self.park(threadWake)
            case .exit:
                let wakeLoop = shared.withLock { shared in
                    shared.threadRunning = false
                    return Self.unpark(&shared.loopParked)
                }
                if wakeLoop { Self.wake(loopWake) }
                return
            case .write(let bytes):
                var writeError: LineWriterError?
                do throws(LineWriterError) { try writer.writeRaw(bytes) } catch { writeError = error }
                let (wakeLoop, report) = shared.withLock { shared -> (Bool, (@Sendable (LineWriterError) -> Void)?) in
                    shared.writing = false
                    shared.queuedBytes -= bytes.count
                    var report: (@Sendable (LineWriterError) -> Void)?
                    if writeError != nil, shared.failure == nil {
                        shared.failure = writeError
                        shared.queue.removeAll()
                        shared.queuedBytes = 0
                        report = shared.failed
                    }
                    return (Self.unpark(&shared.loopParked), report)
                }
                if wakeLoop { Self.wake(loopWake) }
                if let report, let writeError { report(writeError) }
            }
        }
    }
}
