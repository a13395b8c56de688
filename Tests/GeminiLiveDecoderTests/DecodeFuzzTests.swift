import Foundation
import GeminiLiveTestSupport
import Testing

/// Mutation fuzzing of the decoder in-process: whatever the input, decoding ends, each problem is one
/// `in.log:LINE: problem` line, and every message the mutations left intact is still decoded.
@Suite("decoder: fuzzing")
struct DecodeFuzzTests {
    static let alphabet = Array(#"{}[]":,0123456789.-+eE\ntrufalsn AQ=/_"#.utf8) + [0x0A, 0x0D, 0xC3, 0xA9, 0x00, 0xFF]

    @Test(
        "mutated streams in every layout: no crash, problems named by line, the rest decoded",
        arguments: Layout.allCases)
    func mutatedStreams(layout: Layout) throws {
        let original = Array(Messages.turn.map { layout.write($0) }.joined().utf8)
        var random = SeededGenerator(seed: 424_242 &+ UInt64(layout.hashValue & 0xFFFF))
        for round in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + random.below(6)) {
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = Self.alphabet[random.below(Self.alphabet.count)]
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(Self.alphabet[random.below(Self.alphabet.count)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + random.below(200)))
                }
            }
            let run = try DecodeRun(bytes)
            #expect(run.statistics.problems == run.problems.count, "round \(round)")
            for line in run.problems {
                #expect(
                    line.range(of: #"^in\.log:[0-9]+: "#, options: .regularExpression) != nil, "round \(round): \(line)"
                )
            }
            #expect(run.statistics.messages + run.statistics.problems > 0 || bytes.allSatisfy { $0 <= 0x20 })
        }
    }
}
