#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The raw descriptor operations every tool shares: opening an input, and the write-all loop.
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

    /// Writes all of `bytes` to `fileDescriptor`, retrying partial writes and EINTR.
    ///
    /// write(2) may take fewer bytes than offered (a pipe that is nearly full, a signal); the loop goes on
    /// from where it stopped, so callers see either the whole buffer written or the errno that stopped it.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fileDescriptor: Int32) throws(SystemCallError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fileDescriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            next += written
            remaining -= written
        }
    }

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
