/// Finds where one JSON value ends without parsing it: brackets are counted and strings skipped.
///
/// It keeps its position between calls so a value arriving over many reads is scanned once. Structure
/// errors are left for the parser, which reports them precisely. One exception keeps a live pipe moving:
/// a value that is still open when a line starts with `{` at column 1 (or that has a raw line break
/// inside a string) is cut there. Valid input never does either: pretty-printed messages indent their
/// inner lines, and JSON strings cannot hold a raw newline. Without the cut, one truncated NDJSON line
/// would hold back every later message until end of input.
struct ValueScanner: Sendable {
    /// Offset from the value's first byte that has been scanned so far.
    private var offset = 0
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// The end index (exclusive) of the value starting at `start`, or nil if more input is needed.
    ///
    /// With `final`, a scalar running to the end of the buffer ends there.
    mutating func findEnd(in buffer: [UInt8], start: Int, final: Bool) -> Int? {
        buffer.withUnsafeBytes { bytes in findEnd(in: bytes, start: start, final: final) }
    }

    private mutating func findEnd(in bytes: UnsafeRawBufferPointer, start: Int, final: Bool) -> Int? {
        var index = start + offset
        defer { offset = index - start }
        let first = bytes[start]
        let container = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if !container && first != UInt8(ascii: "\"") {
            // A bare scalar (number, literal, or garbage) runs to the next delimiter.
            while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
            if index < bytes.count || final { return max(index, start + 1) }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A && (inString || depth > 0) {
                if inString { return index + 1 }
                guard index + 1 < bytes.count else { return final ? bytes.count : nil }
                if bytes[index + 1] == UInt8(ascii: "{") { return index + 1 }
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if !container { return index + 1 }
                } else {
                    index = JSONParser.skipPlainWords(bytes, from: index + 1)
                    continue
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
            }
            index += 1
        }
        return final ? bytes.count : nil
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
