#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why `LineWriter` could not write.
public enum LineWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reader went away (EPIPE); callers normally exit quietly.
    case brokenPipe
    /// Any other write(2) failure: errno and its strerror text.
    case io(Int32, String)

    /// Creates the error for an errno value.
    public init(code: Int32) {
        self = code == EPIPE ? .brokenPipe : .io(code, String(cString: strerror(code)))
    }

    public var description: String {
        switch self {
        case .brokenPipe: "write failed: broken pipe"
        case .io(_, let message): "write failed: \(message)"
        }
    }
}
