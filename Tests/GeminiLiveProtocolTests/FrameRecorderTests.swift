import Foundation
import GeminiLiveProtocol
import Testing

@Suite struct FrameRecorderTests {
    @Test func linesFollowTheSharedSchemaInOrder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frames-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: path) }
        let recorder = try FrameRecorder(path: path.path)
        recorder.record(connection: 1, direction: "client", frame: "text", ["message": ["setup": [:]]])
        recorder.record(connection: 2, direction: "server", frame: "close", ["code": 1000, "reason": "bye"])
        recorder.finish()
        recorder.record(connection: 3, direction: "server", frame: "drop")
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "a record after finish() is dropped")
        for (line, rest) in zip(
            lines,
            [
                #","connection":1,"direction":"client","frame":"text","message":{"setup":{}}}"#,
                #","connection":2,"direction":"server","frame":"close","code":1000,"reason":"bye"}"#,
            ])
        {
            #expect(line.wholeMatch(of: /\{"t":\d+\.\d{3},.*/) != nil, "\(line)")
            #expect(line.hasSuffix(rest), "\(line)")
        }
    }

    @Test(
        "t is milliseconds with exactly three decimals, from whole microseconds",
        arguments: [(1_234_567, "1234.567"), (5, "0.005"), (0, "0.000"), (2_000_000, "2000.000"), (-1_500, "-1.500")])
    func millisecondsText(microseconds: Int, text: String) {
        let number = DecimalTime.milliseconds(microseconds: microseconds)
        #expect(number.text == text)
        #expect(DecimalTime.scaled(number, by: 3) == microseconds)
    }

    @Test func aFileThatCannotBeCreatedNamesTheErrno() {
        #expect(throws: (any Error).self) { try FrameRecorder(path: "/no/such/folder/frames.ndjson") }
    }
}
