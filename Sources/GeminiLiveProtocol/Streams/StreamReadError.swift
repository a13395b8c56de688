#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read(2) failure on an input stream, naming the source.
public struct StreamReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input's name as shown to users, e.g. `stdin` or a path.
    public var source: String
    /// The errno value.
    public var code: Int32

    /// Creates a read error.
    public init(source: String, code: Int32) {
        self.source = source
        self.code = code
    }

    public var description: String { "\(source): read failed: \(String(cString: strerror(code)))" }
}
