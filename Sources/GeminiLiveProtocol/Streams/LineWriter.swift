#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import GeminiLiveSystem

/// A buffered writer that only ever writes whole lines to a file descriptor.
///
/// Pipes, FIFOs, sockets and ttys get every line at once (a downstream realtime consumer must not wait);
/// regular files are written in blocks of about 64 KiB. Call `flush()` before exiting.
public struct LineWriter: Sendable {
    /// When buffered lines are written out.
    public enum FlushPolicy: Sendable, Equatable {
        /// After every line.
        case everyLine
        /// Once this many bytes are buffered, at a line boundary.
        case buffered(Int)
    }

    /// The descriptor written to; the caller keeps ownership of it.
    public let fileDescriptor: Int32
    /// The flush policy in force.
    public let policy: FlushPolicy
    private var buffer: [UInt8] = []

    /// Creates a writer; without a `policy`, fstat picks `.buffered(65536)` for regular files, `.everyLine` otherwise.
    public init(fileDescriptor: Int32, policy: FlushPolicy? = nil) {
        self.fileDescriptor = fileDescriptor
        self.policy = policy ?? Self.defaultPolicy(for: fileDescriptor)
        if case .buffered(let limit) = self.policy { buffer.reserveCapacity(limit + 4096) }
    }

    /// The policy fstat suggests for `fileDescriptor`.
    public static func defaultPolicy(for fileDescriptor: Int32) -> FlushPolicy {
        var info = stat()
        guard fstat(fileDescriptor, &info) == 0 else { return .everyLine }
        return (info.st_mode & S_IFMT) == S_IFREG ? .buffered(64 * 1024) : .everyLine
    }

    /// Writes `line` followed by `\n`.
    public mutating func write(_ line: some Collection<UInt8>) throws(LineWriterError) {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        try lineEnded()
    }

    /// Writes bytes that already hold one or more complete lines; a missing final `\n` is added.
    public mutating func writeRaw(_ lines: some Collection<UInt8>) throws(LineWriterError) {
        guard !lines.isEmpty else { return }
        buffer.append(contentsOf: lines)
        if buffer.last != UInt8(ascii: "\n") { buffer.append(UInt8(ascii: "\n")) }
        try lineEnded()
    }

    /// Writes out everything buffered, retrying partial writes and EINTR, and waiting while a
    /// non-blocking descriptor is full rather than dropping output (`Descriptor.writeAll`).
    public mutating func flush() throws(LineWriterError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        do throws(SystemCallError) {
            try Descriptor.writeAll(buffer, to: fileDescriptor)
        } catch {
            throw LineWriterError(code: error.code)
        }
    }

    private mutating func lineEnded() throws(LineWriterError) {
        switch policy {
        case .everyLine: try flush()
        case .buffered(let limit): if buffer.count >= limit { try flush() }
        }
    }
}
