#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The raw descriptor operations every tool shares: opening an input, and the write loops (all, or what fits now).
public enum Descriptor {
    /// Opens `path` for reading; a directory is refused with EISDIR.
    ///
    /// Linux opens a directory for reading and fails only the first read, mid-run and as an I/O error;
    /// refusing it here makes it an unusable input (`ToolErrorCategory.input(errno:)`), like a missing file.
    public static func openForReading(_ path: String) throws(SystemCallError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .current }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw SystemCallError(code: EISDIR)
        }
        return descriptor
    }

    /// Writes all of `bytes` to `fileDescriptor`; see `writeAll(_:to:)` for iovecs.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fileDescriptor: Int32) throws(SystemCallError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var part = iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: bytes.count)
        let failure = withUnsafeMutablePointer(to: &part) { part in
            writeRemaining(UnsafeMutableBufferPointer(start: part, count: 1), to: fileDescriptor)
        }
        if let failure { throw SystemCallError(code: failure) }
    }

    /// Writes all of `parts`, in order, to `fileDescriptor`, retrying partial writes and EINTR, and waiting
    /// while a non-blocking descriptor is full.
    ///
    /// writev(2) may take fewer bytes than offered (a pipe that is nearly full, a signal); the loop goes on
    /// from where it stopped, so callers see either every byte written or the errno that stopped it. On a
    /// descriptor someone else made non-blocking (an O_NONBLOCK pipe shared with the parent), EAGAIN means
    /// "not yet", so the loop waits in poll(2) rather than losing output.
    public static func writeAll(_ parts: UnsafeBufferPointer<iovec>, to fileDescriptor: Int32) throws(SystemCallError) {
        // The loop advances through the iovecs as they are written, so it works on a copy of them.
        let failure = withUnsafeTemporaryAllocation(of: iovec.self, capacity: parts.count) { copy in
            _ = copy.initialize(fromContentsOf: parts)
            return writeRemaining(copy, to: fileDescriptor)
        }
        if let failure { throw SystemCallError(code: failure) }
    }

    /// Writes as much of `parts` as `fileDescriptor` takes now, in one call, and returns how many bytes
    /// that was: 0 when it takes nothing (EAGAIN). EINTR is retried.
    ///
    /// A pipe must have been opened non-blocking. A socket (`isSocket`) is written with MSG_DONTWAIT
    /// instead, so its own mode, which other processes sharing it see, stays blocking; and without
    /// SIGPIPE, so a closed reader is EPIPE like on a pipe.
    public static func writeAvailable(
        _ parts: UnsafeBufferPointer<iovec>, to fileDescriptor: Int32, isSocket: Bool
    ) throws(SystemCallError) -> Int {
        while true {
            let written: Int
            if isSocket {
                var message = msghdr()
                message.msg_iov = UnsafeMutablePointer(mutating: parts.baseAddress)
                message.msg_iovlen = numericCast(min(parts.count, maximumParts))
                written = sendmsg(fileDescriptor, &message, dontWaitFlags)
            } else {
                written = writev(fileDescriptor, parts.baseAddress, Int32(min(parts.count, maximumParts)))
            }
            if written >= 0 { return written }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return 0
            default: throw .current
            }
        }
    }

    /// The write-all loop itself: advances `parts` in place; returns the errno that stopped it, or nil.
    private static func writeRemaining(_ parts: UnsafeMutableBufferPointer<iovec>, to fileDescriptor: Int32) -> Int32? {
        guard let base = parts.baseAddress else { return nil }
        var first = 0
        while true {
            while first < parts.count, parts[first].iov_len == 0 { first += 1 }
            if first == parts.count { return nil }
            var written = writev(fileDescriptor, base + first, Int32(min(parts.count - first, maximumParts)))
            if written < 0 {
                switch errno {
                case EINTR:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    var request = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&request, 1, -1)
                    continue
                default:
                    return errno
                }
            }
            // Drop the parts written whole, then move into the one written in part.
            while written > 0, first < parts.count {
                let length = parts[first].iov_len
                if written >= length {
                    written -= length
                    parts[first].iov_len = 0
                    first += 1
                } else {
                    parts[first].iov_base = parts[first].iov_base?.advanced(by: written)
                    parts[first].iov_len = length - written
                    written = 0
                }
            }
        }
    }

    /// writev(2) and sendmsg(2) take at most IOV_MAX parts per call; 1024 on Linux and macOS.
    private static let maximumParts = 1024

    /// Writes all of `bytes` to `fileDescriptor`; see `writeAll(_:to:)`.
    public static func writeAll(_ bytes: [UInt8], to fileDescriptor: Int32) throws(SystemCallError) {
        // withUnsafeBytes rethrows untyped, so the failure is carried out of the closure by hand.
        let failure: SystemCallError? = bytes.withUnsafeBytes { raw in
            do throws(SystemCallError) {
                try writeAll(raw, to: fileDescriptor)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }
}

#if canImport(Glibc)
    /// A socket write that neither waits nor raises SIGPIPE.
    private let dontWaitFlags = Int32(MSG_DONTWAIT | MSG_NOSIGNAL)
#else
    /// A socket write that does not wait (Darwin has no MSG_NOSIGNAL; the tools ignore SIGPIPE anyway).
    private let dontWaitFlags = Int32(MSG_DONTWAIT)
#endif
