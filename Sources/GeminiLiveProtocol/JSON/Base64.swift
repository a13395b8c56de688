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
        var length = text.count
        while length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
        let padding = text.count - length
        // Padding, when present, must complete the last quantum exactly; blame its first '='.
        if padding > 2 || (padding > 0 && text.count % 4 != 0) { throw Base64Error(offset: length) }
        let outputCount = length / 4 * 3 + max(0, length % 4 - 1)
        var failure: Int? = nil
        let output = [UInt8](unsafeUninitializedCapacity: outputCount) { buffer, initialized in
            failure = decodeTable.withUnsafeBufferPointer { table in
                decodeQuanta(text, length: length, table: table, into: buffer.baseAddress!)
            }
            initialized = failure == nil ? outputCount : 0
        }
        if let failure { throw Base64Error(offset: failure) }
        return output
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

    /// Decodes `length` characters (no padding) and returns the offset of the first bad one, if any.
    private static func decodeQuanta(
        _ text: UnsafeRawBufferPointer, length: Int, table: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutablePointer<UInt8>
    ) -> Int? {
        var out = output
        let whole = length / 4 * 4
        var i = 0
        while i < whole {
            let a = table[Int(text[i])]
            let b = table[Int(text[i &+ 1])]
            let c = table[Int(text[i &+ 2])]
            let d = table[Int(text[i &+ 3])]
            // Invalid entries are 0xFF, so one OR tells whether any of the four is bad.
            if (a | b | c | d) & 0x80 != 0 { return firstInvalid(text, from: i, table: table) }
            let quantum = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out[0] = UInt8(truncatingIfNeeded: quantum >> 16)
            out[1] = UInt8(truncatingIfNeeded: quantum >> 8)
            out[2] = UInt8(truncatingIfNeeded: quantum)
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
            let value = table[Int(text[whole + offset])]
            if value & 0x80 != 0 { return whole + offset }
            quantum |= UInt32(value) << (18 - 6 * UInt32(offset))
        }
        out[0] = UInt8(truncatingIfNeeded: quantum >> 16)
        if rest == 3 { out[1] = UInt8(truncatingIfNeeded: quantum >> 8) }
        return nil
    }

    private static func firstInvalid(_ text: UnsafeRawBufferPointer, from start: Int, table: UnsafeBufferPointer<UInt8>)
        -> Int
    {
        var i = start
        while table[Int(text[i])] & 0x80 == 0 { i += 1 }
        return i
    }
}
