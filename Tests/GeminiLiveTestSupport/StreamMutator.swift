/// Mutates a message stream the way a damaged log is damaged: bytes replaced, dropped, inserted or cut away,
/// from an alphabet of JSON punctuation, digits, literal letters, base64 characters and odd bytes.
public struct StreamMutator: Sendable {
    /// What replaced and inserted bytes are drawn from.
    public static let alphabet =
        Array(#"{}[]":,0123456789.-+eE\ntrufalsn AQ=/_"#.utf8) + [0x0A, 0x0D, 0xC3, 0xA9, 0x00, 0xFF]

    private var random: SeededGenerator

    /// Starts the sequence of mutations at `seed`.
    public init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// `bytes` with one to six mutations.
    public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + random.below(6)) {
            guard !bytes.isEmpty else { break }
            let at = random.below(bytes.count)
            switch random.below(4) {
            case 0: bytes[at] = Self.alphabet[random.below(Self.alphabet.count)]
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(Self.alphabet[random.below(Self.alphabet.count)], at: at)
            default: bytes.removeSubrange(at..<min(bytes.count, at + random.below(200)))
            }
        }
        return bytes
    }
}
