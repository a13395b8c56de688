/// One non-blank line of an NDJSON stream, without its terminator.
public struct NDJSONLine: Sendable, Equatable {
    /// The 1-based line number in the source (blank lines count).
    public var number: Int
    /// The line's bytes, without `\n`, `\r\n` or a leading BOM.
    public var bytes: [UInt8]

    /// Creates a line.
    public init(number: Int, bytes: [UInt8]) {
        self.number = number
        self.bytes = bytes
    }

    /// The line as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
