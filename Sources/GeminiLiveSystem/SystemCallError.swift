#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call: its errno, with the system's sentence for it.
public struct SystemCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errno value the call left.
    public let code: Int32

    /// Creates the error for `code`.
    public init(code: Int32) {
        self.code = code
    }

    /// The error for the calling thread's current errno.
    public static var current: SystemCallError { SystemCallError(code: errno) }

    /// strerror(3)'s text, e.g. "No such file or directory".
    public var description: String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
