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
            #expect(line.hasPrefix(#"{"time":"#), "\(line)")
            #expect(line.hasSuffix(rest), "\(line)")
        }
    }

    @Test func aFileThatCannotBeCreatedNamesTheErrno() {
        #expect(throws: (any Error).self) { try FrameRecorder(path: "/no/such/folder/frames.ndjson") }
    }
}
