import GeminiLiveProtocol
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the session's output lines to stdout without letting a slow reader stall the event loop.
///
/// The loop relays both directions, so a write to stdout that blocked it would also hold back the
/// user's input (a voice chat's microphone, an interruption) until the reader caught up: with a
/// player reading in real time, the rest of the reply. On a pipe, a line is therefore written through
/// a second, non-blocking descriptor for the same pipe (opened through /proc, so stdout's own open
/// file, which other processes may share, stays blocking); on a socket, with MSG_DONTWAIT. What the
/// reader cannot take at once queues for a writer thread, and later lines follow it there to keep
/// their order. The queue is bounded by `cushion` bytes: past that the loop waits after all, so a
/// reader that stops for good slows the socket instead of growing memory. Regular files get 64 KiB
/// blocks and terminals and devices direct writes: neither holds a writer up for long. Without /proc
/// or a thread, every line is written as for a file.
final class StdoutWriter: @unchecked Sendable {
    // @unchecked: `queue`, `queuedBytes`, `writing` and `failure` are touched only under `mutex`;
    // `blocking` and `nonBlocking` only on the loop (and in `init`). It lives as long as the process,
    // so nothing is freed.
    private var blocking: LineWriter
    private let fileDescriptor: Int32
    /// Where a line goes without waiting: the pipe opened again with O_NONBLOCK, or stdout itself when it
    /// is a socket; -1 when lines are written as for a file.
    private var nonBlocking: Int32 = -1
    private let isSocket: Bool
    private let cushion: Int
    private let failed: @Sendable (LineWriterError) -> Void

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when the queue gains bytes (the writer thread waits on it).
    private let work = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the writer thread finishes a write (the loop may be waiting for room).
    private let room = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue = CircularBuffer<[UInt8]>()  // a ring: a written line is freed at once
    private var queuedBytes = 0
    private var writing = false
    private var failure: LineWriterError?

    /// A writer for `fileDescriptor`; `failed` is called once, from the writer thread, if a queued write fails.
    init(
        fileDescriptor: Int32 = 1, cushion: Int = 8 << 20,
        failed: @escaping @Sendable (LineWriterError) -> Void
    ) {
        self.fileDescriptor = fileDescriptor
        self.cushion = cushion
        self.failed = failed
        blocking = LineWriter(fileDescriptor: fileDescriptor)
        var info = stat()
        let type = fstat(fileDescriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        isSocket = type == S_IFSOCK
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(work, nil)
        pthread_cond_init(room, nil)
        if type == S_IFIFO {
            nonBlocking = open("/proc/self/fd/\(fileDescriptor)", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        } else if isSocket {
            nonBlocking = fileDescriptor
        }
        // Started now, not on the first lagging line: then the loop is never the one left waiting if
        // no thread can be had.
        if nonBlocking >= 0, !BlockingThread.tryStart({ self.drainForever() }) {
            if !isSocket { close(nonBlocking) }
            nonBlocking = -1
        }
    }

    /// Writes `line` and a newline; call on the loop. Throws the first failure, its own or the thread's.
    func write(_ line: [UInt8]) throws(LineWriterError) {
        guard nonBlocking >= 0 else { return try blocking.write(line) }
        pthread_mutex_lock(mutex)
        let idle = queuedBytes == 0 && !writing
        let failure = failure
        pthread_mutex_unlock(mutex)
        if let failure { throw failure }
        var rest: [UInt8]
        if idle {
            // Only this thread adds to the queue, so it stays empty until the write below is done.
            let written: Int
            do throws(LineWriterError) {
                written = try writeAvailable(line)
            } catch {
                pthread_mutex_lock(mutex)
                self.failure = error
                pthread_mutex_unlock(mutex)
                throw error
            }
            if written == line.count + 1 { return }
            rest = written < line.count ? Array(line[written...]) : []
        } else {
            rest = line
        }
        rest.append(UInt8(ascii: "\n"))
        pthread_mutex_lock(mutex)
        queuedBytes += rest.count
        queue.append(rest)
        pthread_cond_signal(work)
        while self.failure == nil, queuedBytes > cushion { pthread_cond_wait(room, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// Writes out everything buffered or queued, waiting for the thread, and closes the non-blocking
    /// descriptor (the reader sees the end once stdout closes too); call on the loop, last.
    func finish() throws(LineWriterError) {
        pthread_mutex_lock(mutex)
        while failure == nil, queuedBytes > 0 || writing { pthread_cond_wait(room, mutex) }
        let failure = failure
        pthread_mutex_unlock(mutex)
        if nonBlocking >= 0, !isSocket { close(nonBlocking) }
        nonBlocking = -1
        if let failure { throw failure }
        try blocking.flush()
    }

    /// Writes as much of `line` and its newline as the reader takes now, in one call; returns the count.
    private func writeAvailable(_ line: [UInt8]) throws(LineWriterError) -> Int {
        var newline = UInt8(ascii: "\n")
        while true {
            let written = line.withUnsafeBytes { bytes in
                withUnsafeMutablePointer(to: &newline) { end in
                    // On the stack: this runs for every server message.
                    withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                        parts[0] = iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
                        parts[1] = iovec(iov_base: UnsafeMutableRawPointer(end), iov_len: 1)
                        guard isSocket else { return writev(nonBlocking, parts.baseAddress, 2) }
                        var message = msghdr()
                        message.msg_iov = parts.baseAddress
                        message.msg_iovlen = 2
                        return sendmsg(nonBlocking, &message, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
                    }
                }
            }
            if written >= 0 { return written }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw LineWriterError(code: errno)
            }
        }
    }

    /// The writer thread: takes queued bytes in order and writes them through the blocking descriptor.
    private func drainForever() {
        var writer = LineWriter(fileDescriptor: fileDescriptor, policy: .everyLine)
        pthread_mutex_lock(mutex)
        while true {
            while queue.isEmpty { pthread_cond_wait(work, mutex) }
            let bytes = queue.removeFirst()
            writing = true
            pthread_mutex_unlock(mutex)
            var writeError: LineWriterError?
            do throws(LineWriterError) { try writer.writeRaw(bytes) } catch { writeError = error }
            pthread_mutex_lock(mutex)
            writing = false
            queuedBytes -= bytes.count
            if let writeError, failure == nil {
                failure = writeError
                queue.removeAll()
                queuedBytes = 0
                pthread_cond_broadcast(room)
                pthread_mutex_unlock(mutex)
                failed(writeError)
                pthread_mutex_lock(mutex)
                continue
            }
            pthread_cond_broadcast(room)
        }
    }
}
