import Testing

@testable import GeminiLiveProtocol

struct Base64Tests {
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func encodesRFC4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64.encodedString(Array(plain.utf8)) == encoded)
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
        let unpadded = String(encoded.prefix { $0 != "=" })
        #expect(try Base64.decode(unpadded) == Array(plain.utf8))
    }

    @Test func decodesBothAlphabets() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF, 0xFE]
        #expect(Base64.encodedString(bytes) == "+/+//g==")
        #expect(try Base64.decode("-_-__g==") == bytes)
        #expect(try Base64.decode("-_-__g") == bytes)
        #expect(try Base64.decode("+/-_/g") == bytes)
    }

    @Test func roundTripsAllLengths() throws {
        var generator = SeededGenerator(seed: 7)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var encoded: [UInt8] = []
            Base64.encode(bytes, into: &encoded)
            #expect(encoded.count == Base64.encodedCount(length))
            #expect(try Base64.decode(encoded) == bytes)
        }
    }

    static let invalid: [(String, Int)] = [
        ("Zm9v!mFy", 4), ("Zm9vY", 4), ("Zg=", 2), ("Zg===", 2), ("Z===", 1), ("Zm 9v", 2), ("=Zm9", 0),
        ("Zm=v", 2), ("Zm9vYmFy\n", 8), ("Zm9vYg==Zg==", 6),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidText(text: String, offset: Int) {
        #expect(throws: Base64Error(offset: offset)) { try Base64.decode(text) }
    }

    @Test func errorDescriptionNamesOffset() {
        #expect(Base64Error(offset: 12).description == "not valid base64 at offset 12")
    }
}
