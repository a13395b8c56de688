extension JSONParser {
    /// Parses a string starting at the opening quote; the common escape-free case is one scan and one copy.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index + 1
        var i = start
        var sawNonASCII = false
        while true {
            i = Self.skipPlainWords(bytes, from: i)
            guard i < bytes.count else {
                index = i
                throw failure("unterminated string")
            }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                index = i + 1
                return try makeString(
                    UnsafeRawBufferPointer(rebasing: bytes[start..<i]), nonASCII: sawNonASCII, at: start)
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(start: start, firstEscape: i, sawNonASCII: sawNonASCII)
            } else if byte < 0x20 {
                index = i
                throw failure("control character in string")
            } else {
                if byte >= 0x80 { sawNonASCII = true }
                i += 1
            }
        }
    }

    /// Skips 8-byte words holding no quote, backslash, control byte or non-ASCII byte: the fast way through the
    /// long base64 strings that make up most of the protocol's bytes (also used by the session's compactor).
    @inlinable
    package static func skipPlainWords(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i &+ 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is flagged when it is zero after the XOR, below 0x20, or has its high bit set.
            let flagged =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                | word
            if flagged & highs != 0 { break }
            i &+= 8
        }
        return i
    }

    private func makeString(
        _ raw: UnsafeRawBufferPointer, nonASCII: Bool, at offset: Int
    ) throws(JSONParseError) -> String {
        if !nonASCII { return String(decoding: raw, as: UTF8.self) }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw JSONParseError(offset: offset, message: "invalid UTF-8 in string")
        }
        return text
    }

    private mutating func parseEscapedString(
        start: Int, firstEscape: Int, sawNonASCII: Bool
    ) throws(JSONParseError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(firstEscape - start + 16)
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<firstEscape]))
        var nonASCII = sawNonASCII
        index = firstEscape
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                let result = output.withUnsafeBytes { raw in
                    Result { () throws(JSONParseError) in try makeString(raw, nonASCII: nonASCII, at: start) }
                }
                return try result.get()
            case UInt8(ascii: "\\"):
                try appendEscape(to: &output)
            case 0..<0x20:
                throw failure("control character in string")
            default:
                if byte >= 0x80 { nonASCII = true }
                let runStart = index
                index = Self.skipPlainWords(bytes, from: index + 1)
                while index < bytes.count, bytes[index] >= 0x20, bytes[index] != UInt8(ascii: "\""),
                    bytes[index] != UInt8(ascii: "\\")
                {
                    if bytes[index] >= 0x80 { nonASCII = true }
                    index += 1
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            }
        }
    }

    private mutating func appendEscape(to output: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw failure("unterminated string") }
        let escaped = bytes[index]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            let escapeStart = index - 1
            var scalar = try readHex4()
            if scalar >= 0xDC00 && scalar <= 0xDFFF {
                index = escapeStart
                throw failure("lone surrogate in \\u escape")
            }
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                    bytes[index + 2] == UInt8(ascii: "u")
                else {
                    index = escapeStart
                    throw failure("lone surrogate in \\u escape")
                }
                index += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    index = escapeStart
                    throw failure("lone surrogate in \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            appendUTF8(scalar, to: &output)
        default:
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(escaped)))' in string")
        }
        index += 1
    }

    /// Reads the four hex digits after `\u` (index is on the `u`) and leaves index on the last digit.
    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            index += 1
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
