import Foundation
import GeminiLiveTestSupport
import Testing

/// Mutation fuzzing of the decoder through the real binary: whatever the input, it ends with a
/// documented status (0 or 65) and a message per bad line, never a crash or a hang.
///
/// A few rounds only: each launches the debug decoder. The many-round loop belongs in-process, in the
/// decoder's unit tests, where a round costs microseconds; these rounds check the binary's wiring
/// (exit status, stderr format) around it.
@Suite("decode: fuzzing")
struct DecodeFuzzTests {
    @Test("mutated server streams: status 0 or 65, one diagnostic line per bad value, no crash")
    func mutatedStreams() throws {
        let tmp = try TemporaryDirectory("fuzz")
        var base = ServerStream()
        base.inputTranscript("question")
        for index in 0..<4 { base.audio(rampSamples(480, seed: index)) }
        base.outputTranscript("answer")
        base.add(["toolCall": ["functionCalls": [["id": "a", "name": "f", "args": ["x": 1]]]]])
        base.add(["setupComplete": [:]], pretty: true)
        base.interrupted()
        base.turnComplete()
        let original = [UInt8](base.data)
        var mutator = StreamMutator(seed: 424_242)
        for round in 0..<3 {
            let bytes = mutator.mutate(original)
            let result = try decode(
                [
                    "--wav", tmp.file("f.wav"), "--text", "-", "--transcript", tmp.file("t.txt"), "--json",
                    tmp.file("j.ndjson"),
                ],
                stdin: Data(bytes), timeout: 30)
            #expect(
                result.status == 0 || result.status == 65,
                "round \(round): status \(result.status) \(result.stderrText)")
            for line in result.stderrText.split(separator: "\n") {
                #expect(line.hasPrefix("gemini-live-decode: stdin:"), "round \(round): \(line)")
            }
            #expect((result.status == 65) == !result.stderr.isEmpty, "round \(round)")
        }
    }
}
