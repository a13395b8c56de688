import Testing

@testable import GeminiLiveProtocol

/// The encoder's pair-table loop against a six-bits-at-a-time reference, at every length around its step sizes.
struct Base64EncodeTests {
    /// RFC 4648 encoding done the slow, obvious way.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits: [UInt8] = bytes.flatMap { byte in (0..<8).map { byte >> (7 - $0) & 1 } }
        while bits.count % 6 != 0 { bits.append(0) }
        var output = stride(from: 0, to: bits.count, by: 6).map { start in
            alphabet[Int(bits[start..<start + 6].reduce(UInt8(0)) { $0 << 1 | $1 })]
        }
        while output.count % 4 != 0 { output.append(UInt8(ascii: "=")) }
        return output
    }

    @Test func matchesTheReferenceAtEveryLength() {
        var generator = SeededGenerator(seed: 11)
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Appending after existing bytes must leave them alone.
            var output: [UInt8] = [0x41, 0x42]
            Base64.encode(bytes, into: &output)
            #expect(output == [0x41, 0x42] + Self.reference(bytes), "length \(length)")
        }
    }

    @Test func encodesEveryByteValueInEveryPosition() {
        for position in 0..<3 {
            for value in 0...255 {
                var bytes: [UInt8] = [0x00, 0xFF, 0x5A, 0xA5, 0x00, 0xFF, 0x5A, 0xA5, 0x01]
                bytes[position + 3] = UInt8(value)
                var output: [UInt8] = []
                Base64.encode(bytes, into: &output)
                #expect(output == Self.reference(bytes))
            }
        }
    }
}
