import Foundation
import GeminiLiveTestSupport
import Testing

/// Mutation fuzzing of the decoder in-process: whatever the input, decoding ends without a crash, every problem
/// counted is reported once as `in.log:LINE: problem`, and an input with any content yields messages or problems.
@Suite("decoder: fuzzing")
struct DecodeFuzzTests {
    @Test(
        "mutated streams in every layout: no crash, problems named by line, the rest decoded",
        arguments: Layout.allCases)
    func mutatedStreams(layout: Layout) throws {
        let original = Array(Messages.turn.map { layout.write($0) }.joined().utf8)
        var mutator = StreamMutator(seed: 424_242 &+ UInt64(Layout.allCases.firstIndex(of: layout)!))
        for round in 0..<300 {
            let bytes = mutator.mutate(original)
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
