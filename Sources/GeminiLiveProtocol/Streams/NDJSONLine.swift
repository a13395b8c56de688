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

    /// Where the content of the line at `range` of `bytes` lies (the terminator already cut off): without a UTF-8
    /// byte order mark on line 1 and without a trailing `\r`; nil when only blanks remain. The one rule every
    /// reader in the tools follows, through `NDJSONSplitter`.
    public static func content(of range: Range<Int>, in bytes: [UInt8], lineNumber: Int) -> Range<Int>? {
        bytes.withUnsafeBytes { NDJSONSplitter.content(of: range, in: $0, lineNumber: lineNumber) }
    }
}
