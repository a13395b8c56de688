import GeminiLiveSystem
import Testing

@Suite struct SHA256Tests {
    /// The FIPS 180-4 examples (NIST's "SHA256.pdf" and the one-million-'a' long message).
    @Test(
        "NIST test vectors",
        arguments: [
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hex(Array(message.utf8)) == expected)
    }

    @Test func oneMillionA() {
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Pieces that straddle block boundaries give the digest of the whole.
    @Test(arguments: [1, 7, 55, 56, 63, 64, 65, 200])
    func piecesHashLikeTheWhole(pieceSize: Int) {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var hash = SHA256()
        var start = 0
        while start < message.count {
            hash.update(message[start..<min(start + pieceSize, message.count)])
            start += pieceSize
        }
        // The digest Python's hashlib gives for these 1000 bytes.
        #expect(SHA256.hexDigits(hash.digest) == "57799de80e3dd6e2ac4d40c41a150d1662f7f87d0d994776a2fdc37c39b0ea4e")
    }
}
