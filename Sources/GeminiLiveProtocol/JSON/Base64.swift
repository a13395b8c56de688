import CBase64

/// Table-driven base64: encodes the standard alphabet, decodes standard and URL-safe, padded or not.
public enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Six-bit values for each byte; 0xFF marks bytes outside both alphabets.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(value) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// The length of the padded encoding of `count` bytes.
    public static func encodedCount(_ count: Int) -> Int {
        (count + 2) / 3 * 4
    }

    /// Two output characters for every 12-bit value, little-endian: one lookup per half of a 3-byte group.
    private static let pairTable: [UInt16] = (0..<4096).map { value in
        UInt16(alphabet[value >> 6]) | UInt16(alphabet[value & 0x3F]) << 8
    }

    /// Appends the padded standard-alphabet encoding of `bytes`.
    ///
    /// The encoder's output is mostly base64, so this loop sets its speed: it reads eight bytes at a time and
    /// writes eight characters per two 3-byte groups, through a 4096-entry table of character pairs.
    public static func encode(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let start = output.count
        let length = encodedCount(bytes.count)
        output.append(contentsOf: repeatElement(0, count: length))
        guard let source = bytes.baseAddress else { return }
        output.withUnsafeMutableBufferPointer { buffer in
            pairTable.withUnsafeBufferPointer { pairs in
                alphabet.withUnsafeBufferPointer { table in
                    var out = UnsafeMutableRawPointer(buffer.baseAddress! + start)
                    let whole = bytes.count / 3 * 3
                    var i = 0
                    // Two groups per step; the 8-byte load may not run past the end, so the last groups go singly.
                    while i &+ 8 <= bytes.count {
                        let word = UInt64(bigEndian: source.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                        let chars =
                            UInt64(pairs[Int(truncatingIfNeeded: word >> 52)])
                            | UInt64(pairs[Int(truncatingIfNeeded: word >> 40 & 0xFFF)]) << 16
                            | UInt64(pairs[Int(truncatingIfNeeded: word >> 28 & 0xFFF)]) << 32
                            | UInt64(pairs[Int(truncatingIfNeeded: word >> 16 & 0xFFF)]) << 48
                        out.storeBytes(of: chars.littleEndian, as: UInt64.self)
                        out += 8
                        i &+= 6
                    }
                    while i < whole {
                        let triple = UInt32(bytes[i]) << 16 | UInt32(bytes[i &+ 1]) << 8 | UInt32(bytes[i &+ 2])
                        let chars =
                            UInt32(pairs[Int(truncatingIfNeeded: triple >> 12)])
                            | UInt32(pairs[Int(truncatingIfNeeded: triple & 0xFFF)]) << 16
                        out.storeBytes(of: chars.littleEndian, as: UInt32.self)
                        out += 4
                        i &+= 3
                    }
                    let rest = bytes.count - whole
                    guard rest > 0 else { return }
                    let characters = out.assumingMemoryBound(to: UInt8.self)
                    let triple = UInt32(bytes[whole]) << 16 | (rest == 2 ? UInt32(bytes[whole + 1]) << 8 : 0)
                    characters[0] = table[Int(triple >> 18)]
                    characters[1] = table[Int(triple >> 12 & 0x3F)]
                    characters[2] = rest == 2 ? table[Int(triple >> 6 & 0x3F)] : UInt8(ascii: "=")
                    characters[3] = UInt8(ascii: "=")
                }
            }
        }
    }

    /// Appends the encoding of `bytes`.
    public static func encode(_ bytes: [UInt8], into output: inout [UInt8]) {
        bytes.withUnsafeBytes { encode($0, into: &output) }
    }

    /// The padded standard-alphabet encoding of `bytes` as a string.
    public static func encodedString(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        encode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes standard or URL-safe base64, with or without `=` padding.
    public static func decode(_ text: UnsafeRawBufferPointer) throws(Base64Error) -> [UInt8] {
        var failure: Base64Error? = nil
        let output = [UInt8](unsafeUninitializedCapacity: maximumDecodedCount(text.count)) { buffer, initialized in
            do throws(Base64Error) {
                initialized = try decode(text, into: UnsafeMutableRawPointer(buffer.baseAddress!))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// The most bytes `count` characters of base64 can decode to: room enough for `decode(_:into:)`.
    public static func maximumDecodedCount(_ count: Int) -> Int {
        (count + 3) / 4 * 3
    }

    /// Decodes standard or URL-safe base64, with or without `=` padding, into `output`, which has room for
    /// `maximumDecodedCount(text.count)` bytes; returns how many it wrote (what is past them is unspecified).
    ///
    /// The decoder's workers decode a whole batch of audio lines into one buffer this way instead of
    /// allocating an array per line.
    public static func decode(_ text: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer)
        throws(Base64Error) -> Int
    {
        let length = try unpaddedCount(text)
        let outputCount = length / 4 * 3 + max(0, length % 4 - 1)
        let failure = quantumTables.withUnsafeBufferPointer { tables in
            decodeQuanta(text, length: length, tables: tables, into: output)
        }
        if let failure { throw Base64Error(offset: failure) }
        return outputCount
    }

    /// Whether `decode(_:into:)` accepts `text`, found without writing anything: the rule a media line's data
    /// is checked by when it is forwarded undecoded.
    public static func isDecodable(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let length = try? unpaddedCount(text), length % 4 != 1 else { return false }
        return decodeTable.withUnsafeBufferPointer { table in
            var flags: UInt8 = 0
            for byte in UnsafeRawBufferPointer(rebasing: text[..<length]) { flags |= table[Int(byte)] }
            // Every table entry outside both alphabets has its high bit set, and no six-bit value does.
            return flags & 0x80 == 0
        }
    }

    /// The count of `text` without its `=` padding, which must complete the last quantum exactly when present.
    private static func unpaddedCount(_ text: UnsafeRawBufferPointer) throws(Base64Error) -> Int {
        var length = text.count
        while length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
        let padding = text.count - length
        // Blame the first '='.
        if padding > 2 || (padding > 0 && text.count % 4 != 0) { throw Base64Error(offset: length) }
        return length
    }

    /// Decodes base64 held in any byte collection.
    public static func decode(_ text: some Collection<UInt8>) throws(Base64Error) -> [UInt8] {
        let inPlace = text.withContiguousStorageIfAvailable { buffer in
            Result { () throws(Base64Error) in try decode(UnsafeRawBufferPointer(buffer)) }
        }
        if let inPlace { return try inPlace.get() }
        return try decode(Array(text))
    }

    /// Decodes base64 text.
    public static func decode(_ text: String) throws(Base64Error) -> [UInt8] {
        var text = text
        text.makeContiguousUTF8()
        return try decode(text.utf8)
    }

    /// Four 256-entry tables, one per position in a quantum, each giving that character's bits already placed
    /// in the three output bytes of a little-endian word (so a quantum is four lookups ORed together and one
    /// store); entries for characters outside both alphabets set bits 24-31, which no valid quantum uses.
    private static let quantumTables: [UInt32] = {
        var tables = [UInt32](repeating: 0xFF00_0000, count: 4 * 256)
        for symbol in 0..<256 {
            let value = UInt32(decodeTable[symbol])
            guard value < 64 else { continue }
            tables[symbol] = value << 2
            tables[256 + symbol] = value >> 4 | (value & 0x0F) << 12
            tables[512 + symbol] = (value >> 2) << 8 | (value & 0x03) << 22
            tables[768 + symbol] = value << 16
        }
        return tables
    }()

    /// Decodes `length` characters (no padding) and returns the offset of the first bad one, if any.
    private static func decodeQuanta(
        _ text: UnsafeRawBufferPointer, length: Int, tables: UnsafeBufferPointer<UInt32>,
        into output: UnsafeMutableRawPointer
    ) -> Int? {
        let t0 = tables.baseAddress!
        let t1 = t0 + 256
        let t2 = t0 + 512
        let t3 = t0 + 768
        let whole = length / 4 * 4
        // The vector unit decodes the long valid run; the loops below decode the rest and find a bad character.
        var i =
            length == 0
            ? 0
            : cbase64_decode_prefix(
                text.baseAddress!.assumingMemoryBound(to: UInt8.self), length,
                output.assumingMemoryBound(to: UInt8.self))
        var out = output + i / 4 * 3
        // Eight characters make six bytes, stored as one 8-byte word; the two spare bytes land where the
        // next quantum goes, so this runs only while at least one more whole quantum follows.
        while i &+ 12 <= whole {
            let chars = text.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
            let low =
                t0[Int(chars & 0xFF)] | t1[Int(chars >> 8 & 0xFF)] | t2[Int(chars >> 16 & 0xFF)]
                | t3[Int(chars >> 24 & 0xFF)]
            let high =
                t0[Int(chars >> 32 & 0xFF)] | t1[Int(chars >> 40 & 0xFF)] | t2[Int(chars >> 48 & 0xFF)]
                | t3[Int(chars >> 56)]
            if (low | high) & 0xFF00_0000 != 0 { return firstInvalid(text, from: i) }
            out.storeBytes(of: (UInt64(low) | UInt64(high) << 24).littleEndian, as: UInt64.self)
            out += 6
            i &+= 8
        }
        while i < whole {
            let quantum =
                t0[Int(text[i])] | t1[Int(text[i &+ 1])] | t2[Int(text[i &+ 2])] | t3[Int(text[i &+ 3])]
            if quantum & 0xFF00_0000 != 0 { return firstInvalid(text, from: i) }
            out.storeBytes(of: UInt8(truncatingIfNeeded: quantum), as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 8), toByteOffset: 1, as: UInt8.self)
            out.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 16), toByteOffset: 2, as: UInt8.self)
            out += 3
            i &+= 4
        }
        let rest = length - whole
        guard rest > 0 else { return nil }
        if rest == 1 {
            // One character holds only six bits: not enough for a byte, so the text was cut short.
            return whole
        }
        var quantum: UInt32 = 0
        for offset in 0..<rest {
            let bits = t0[offset &* 256 &+ Int(text[whole &+ offset])]
            if bits & 0xFF00_0000 != 0 { return whole + offset }
            quantum |= bits
        }
        out.storeBytes(of: UInt8(truncatingIfNeeded: quantum), as: UInt8.self)
        if rest == 3 { out.storeBytes(of: UInt8(truncatingIfNeeded: quantum >> 8), toByteOffset: 1, as: UInt8.self) }
        return nil
    }

    private static func firstInvalid(_ text: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        while decodeTable[Int(text[i])] & 0x80 == 0 { i += 1 }
        return i
    }
}
