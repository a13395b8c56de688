import Testing

@testable import GeminiLiveProtocol

/// `Base64.decode(_:into:)`, the table-driven decoder behind every base64 field, checked against a plain
/// character-by-character decoder with the same rules (either alphabet, optional padding, first bad offset).
struct Base64BufferDecodeTests {
    private static let values: [UInt8: UInt32] = {
        var values: [UInt8: UInt32] = [:]
        for (value, symbol) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            values[symbol] = UInt32(value)
        }
        values[UInt8(ascii: "-")] = 62
        values[UInt8(ascii: "_")] = 63
        return values
    }()

    /// The reference: strip `=`, check padding, find the first character outside both alphabets, reject a lone
    /// final character, then shift six bits at a time.
    private func reference(_ text: [UInt8]) -> Result<[UInt8], Base64Error> {
        var length = text.count
        while length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
        let padding = text.count - length
        if padding > 2 || (padding > 0 && text.count % 4 != 0) { return .failure(Base64Error(offset: length)) }
        if let bad = text[..<length].firstIndex(where: { Self.values[$0] == nil }) {
            return .failure(Base64Error(offset: bad))
        }
        if length % 4 == 1 { return .failure(Base64Error(offset: length - 1)) }
        var bytes: [UInt8] = []
        var bits: UInt32 = 0
        var held = 0
        for symbol in text[..<length] {
            bits = bits << 6 | Self.values[symbol]!
            held += 6
            if held >= 8 {
                held -= 8
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(held)))
            }
        }
        return .success(bytes)
    }

    /// Runs the buffer decoder with guard bytes after the room it asks for, which must stay untouched.
    private func decode(_ text: [UInt8]) -> Result<[UInt8], Base64Error> {
        let room = Base64.maximumDecodedCount(text.count)
        var buffer = [UInt8](repeating: 0xA5, count: room + 16)
        let result = buffer.withUnsafeMutableBytes { output in
            text.withUnsafeBytes { input in
                Result { () throws(Base64Error) in try Base64.decode(input, into: output.baseAddress!) }
            }
        }
        #expect(
            buffer[room...].allSatisfy { $0 == 0xA5 }, "wrote past maximumDecodedCount for \(text.count) characters")
        return result.map { Array(buffer[..<$0]) }
    }

    @Test func validTextOfEveryLengthMatchesTheReference() {
        var generator = SeededGenerator(seed: 0xB64)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_".utf8)
        for length in 0..<200 {
            for _ in 0..<4 {
                var text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                if length % 4 == 1 { text.removeLast() }
                let expected = reference(text)
                #expect(decode(text) == expected)
                if case .success = expected, text.count % 4 != 0 {
                    let padded = text + Array(repeating: UInt8(ascii: "="), count: 4 - text.count % 4)
                    #expect(decode(padded) == expected)
                }
            }
        }
    }

    @Test func invalidTextIsBlamedWhereTheReferenceBlamesIt() {
        var generator = SeededGenerator(seed: 0xBAD)
        let alphabet = Array("ABCxyz019+/-_".utf8)
        let intruders = Array("=!. \n\"\\\u{7F}".utf8) + [0x80, 0xFF, 0x00]
        var rejected = 0
        for _ in 0..<3000 {
            var text = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            for _ in 0..<Int.random(in: 0..<3, using: &generator) {
                text.insert(
                    intruders.randomElement(using: &generator)!,
                    at: Int.random(in: 0..<text.count + 1, using: &generator))
            }
            let expected = reference(text)
            if case .failure = expected { rejected += 1 }
            #expect(decode(text) == expected, "\(text)")
        }
        #expect(rejected > 1000)
    }

    @Test func bytesOfEveryValueSurviveTheRoundTrip() {
        let bytes = (0..<3 * 256).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var encoded: [UInt8] = []
        Base64.encode(bytes, into: &encoded)
        #expect(decode(encoded) == .success(bytes))
        #expect(reference(encoded) == .success(bytes))
    }

    /// The vector decoder (CBase64) takes blocks of 16 and 32 characters from long standard-alphabet runs; a
    /// stray byte of any value, anywhere in such a run, must end its block and be blamed as the reference does.
    @Test func longRunsWithAnyByteAnywhereMatchTheReference() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for length in [44, 63, 64, 76, 96, 131] {
            let run = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(decode(run) == reference(run))
            for position in stride(from: 0, to: length, by: 5) {
                for value in 0...255 {
                    var text = run
                    text[position] = UInt8(value)
                    #expect(decode(text) == reference(text), "byte \(value) at \(position) of \(length)")
                }
            }
        }
    }
}
