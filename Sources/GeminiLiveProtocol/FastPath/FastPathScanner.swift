#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks the bytes of one JSON value for the fast path's recognisers: whitespace between tokens, objects, arrays,
/// keys, `true`/`false` and the three kinds of string a media message holds.
///
/// It accepts a subset of JSON and refuses (false or nil) everything else, so a recogniser built on it can only
/// be wrong by declining: numbers, `null`, escaped keys and anything it is not asked for make it stop.
struct FastPathScanner {
    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    /// A scanner at `index` of `bytes`.
    init(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    @inline(__always)
    mutating func skipWhitespace() {
        // The loops here keep the position in a local: through `self` it would be stored back every byte.
        var position = index
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default:
                index = position
                return
            }
        }
        index = position
    }

    /// Skips whitespace, then consumes `byte` when it comes next.
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        // Compact text has no whitespace: look at the byte before looping.
        if index < bytes.count, bytes[index] == byte {
            index += 1
            return true
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Whether nothing but whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// Reads an object, calling `member` with each key once the scanner stands before that member's value;
    /// false when the object is malformed or `member` refuses.
    @inline(__always)
    mutating func object(_ member: (inout FastPathScanner, UnsafeRawBufferPointer) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = key(), member(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// Reads an array, calling `element` for each element; false when it is malformed or `element` refuses.
    @inline(__always)
    mutating func array(_ element: (inout FastPathScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// Reads `"key":` and returns the key's text; nil for a key holding an escape or a control byte, whose
    /// meaning would need unescaping.
    @inline(__always)
    mutating func key() -> UnsafeRawBufferPointer? {
        guard take(Self.quote) else { return nil }
        let start = index
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                index = position + 1
                guard take(UInt8(ascii: ":")) else { return nil }
                return UnsafeRawBufferPointer(start: bytes.baseAddress! + start, count: position - start)
            }
            guard byte >= 0x20, byte != Self.backslash else { return nil }
            position += 1
        }
        return nil
    }

    /// Reads `true` or `false`.
    mutating func bool() -> Bool? {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else {
            return false
        }
        index += count
        return true
    }

    /// Reads a MIME type's string by `MediaLineMIMEType`'s rule; the range of its text.
    mutating func mimeType() -> Range<Int>? {
        guard take(Self.quote), let end = MediaLineMIMEType.end(in: bytes, from: index) else { return nil }
        defer { index = end + 1 }
        return index..<end
    }

    /// Reads a base64 string to its closing quote without checking the text: decoding it does that.
    ///
    /// The first quote is the closing one unless a backslash stands before it, which is refused: escapes are not
    /// base64, so text that decodes has none and its range is the string's value, and the walk never loses its
    /// place in the structure even when the text is not base64.
    @inline(__always)
    mutating func base64() -> Range<Int>? {
        guard take(Self.quote), index < bytes.count,
            let found = memchr(bytes.baseAddress! + index, Int32(Self.quote), bytes.count - index)
        else { return nil }
        let end = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
        guard end == index || bytes[end - 1] != Self.backslash else { return nil }
        defer { index = end + 1 }
        return index..<end
    }

    /// Reads any valid JSON string (text the model or the user wrote): escape-free ASCII is only scanned, and
    /// anything else is checked by the full parser's own string rule, so what is accepted is what it accepts.
    mutating func text() -> FastPathText? {
        guard take(Self.quote) else { return nil }
        let opening = index - 1
        var position = index
        while true {
            position = JSONParser.skipPlainWords(bytes, from: position)
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if byte == Self.quote {
                index = position + 1
                return FastPathText(opening: opening, end: index, isVerbatim: true)
            }
            if byte == Self.backslash || byte >= 0x80 { break }
            guard byte >= 0x20 else { return nil }
            position += 1
        }
        var parser = JSONParser(bytes: bytes)
        parser.index = opening
        guard (try? parser.parseString()) != nil else { return nil }
        index = parser.index
        return FastPathText(opening: opening, end: index, isVerbatim: false)
    }

    /// Reads a `Blob` object (`mimeType` and `data`, in either order and casing): the ranges of the MIME type's
    /// text and of the base64 text. A member left out is an empty range, which reads as the full parser's default
    /// for it (no MIME type, no bytes).
    mutating func blob() -> (mimeType: Range<Int>, data: Range<Int>)? {
        var mimeType: Range<Int>?
        var data: Range<Int>?
        let valid = object { scanner, key in
            if WireFieldName.matches(key, "mimeType") {
                guard mimeType == nil, let text = scanner.mimeType() else { return false }
                mimeType = text
            } else if WireFieldName.matches(key, "data") {
                guard data == nil, let text = scanner.base64() else { return false }
                data = text
            } else {
                return false
            }
            return true
        }
        return valid ? (mimeType ?? 0..<0, data ?? 0..<0) : nil
    }
}
