import Foundation
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem
import Testing

@Suite struct FrameRecordingTests {
    @Test func readsTheRecorderSchemaWithExactMicroseconds() throws {
        let text = """
            {"time":0.000123,"connection":1,"direction":"client","frame":"text","message":{"setup":{}}}\r

            {"time":5e-05,"connection":2,"direction":"server","frame":"binary","message":{"setupComplete":{}}}
            {"time":1.2345675,"connection":2,"direction":"server","frame":"close","code":1011,"reason":"internal"}
            {"t":1500.25,"direction":"client","frame":"drop"}
            {"time":12,"connection":3,"direction":"server","frame":"text","message":{}}
            """
        let recording = try FrameRecording(ndjson: Array(text.utf8), source: "r.ndjson")
        #expect(recording.frames.map(\.time) == [123, 50, 1_234_568, 1_500_250, 12_000_000])
        #expect(recording.frames.map(\.connection) == [1, 2, 2, 1, 3])
        #expect(recording.frames.map(\.direction) == [.client, .server, .server, .client, .server])
        #expect(recording.frames.map(\.kind) == ["text", "binary", "close", "drop", "text"])
        #expect(recording.frames[0].message == ["setup": [:]])
        #expect(recording.frames[2].message == nil)
        #expect(recording.frames[2].closeCode == 1011)
        #expect(recording.frames[2].reason == "internal")
    }

    @Test func aHeaderLineIsReadKeptAndWrittenBackWithUnknownMembers() throws {
        let text = """
            {"cassette":1,"tool":"0.9.0","host":"example.test","model":"m","scenarioHash":"sha256:ab","redacted":["K"],"later":{"x":1}}
            {"t":2,"direction":"client","frame":"text","message":{"setup":{}}}
            """
        let recording = try FrameRecording(ndjson: Array(text.utf8), source: "c.ndjson")
        let header = try #require(recording.header)
        #expect(header.tool == "0.9.0" && header.host == "example.test" && header.model == "m")
        #expect(header.scenarioHash == "sha256:ab" && header.redacted == ["K"] && header.api == nil)
        #expect(header.extra == ["later": ["x": 1]])
        #expect(recording.frames.map(\.time) == [2000])
        let line = String(decoding: JSONValue.object(header.object).compactBytes, as: UTF8.self)
        #expect(line == text.split(separator: "\n")[0])
        // Only a first line is a header; a newer format is refused by name.
        let late = "{\"t\":1,\"direction\":\"client\",\"frame\":\"text\"}\n{\"cassette\":1}"
        #expect(throws: ToolError.self) { try FrameRecording(ndjson: Array(late.utf8), source: "c.ndjson") }
        do {
            _ = try FrameRecording(ndjson: Array("{\"cassette\":2}".utf8), source: "c.ndjson")
            Issue.record("a format-2 cassette was read")
        } catch {
            #expect(error.description == "c.ndjson:1:1: cassette format 2 is newer than this version reads (1)")
        }
    }

    @Test func aRecorderWritesTheHeaderFirst() throws {
        let path = NSTemporaryDirectory() + "header-\(getpid()).ndjson"
        defer { unlink(path) }
        let recorder = try FrameRecorder(path: path, header: CassetteHeader(tool: "t", model: "m"))
        recorder.record(connection: 1, direction: "client", frame: "text", ["message": ["setup": [:]]])
        recorder.finish()
        let recording = try FrameRecording(contentsOfFile: path)
        #expect(recording.header == CassetteHeader(tool: "t", model: "m"))
        #expect(recording.frames.count == 1)
    }

    @Test func badLinesAreBadDataAtTheirLineAndColumn() {
        let cases: [(String, String)] = [
            ("{\"time\":1,\"direction\":\"client\",\"frame\":\"text\"}\n{\"time\":", "r.ndjson:2:9: "),
            ("[1]", "r.ndjson:1:1: expected a JSON object"),
            (
                #"{"direction":"client","frame":"text"}"#,
                "r.ndjson:1:1: no time: expected time in seconds or t in milliseconds (time)"
            ),
            (
                #"{"time":1,"direction":"up","frame":"text"}"#,
                #"r.ndjson:1:1: direction must be "client" or "server" (direction)"#
            ),
            (#"{"time":1,"direction":"client"}"#, "r.ndjson:1:1: no frame kind (frame)"),
            (
                #"{"time":1e400,"direction":"client","frame":"text"}"#,
                "r.ndjson:1:1: time is not a usable number (time)"
            ),
        ]
        for (text, prefix) in cases {
            do {
                _ = try FrameRecording(ndjson: Array(text.utf8), source: "r.ndjson")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.category == .badData)
                #expect(error.description.hasPrefix(prefix), "\(error.description)")
            }
        }
    }

    @Test func readsWhatTheRecorderWrites() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regression-\(UUID()).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try FrameRecorder(path: path)
        recorder.record(
            connection: 1, direction: "client", frame: "text", ["message": ["clientContent": ["turnComplete": true]]])
        recorder.record(
            connection: 1, direction: "server", frame: "binary", ["message": ["serverContent": ["turnComplete": true]]])
        recorder.record(connection: 1, direction: "server", frame: "close", ["code": 1000, "reason": "bye"])
        recorder.finish()
        let recording = try FrameRecording(contentsOfFile: path)
        #expect(recording.frames.map(\.direction) == [.client, .server, .server])
        #expect(recording.frames.map(\.kind) == ["text", "binary", "close"])
        #expect(recording.frames[2].closeCode == 1000)
        #expect(recording.frames.map(\.time) == recording.frames.map(\.time).sorted())
        let turns = RecordedAttempt(recording).turns
        #expect(turns.count == 1)
        #expect(turns[0].inputEndSource == .text)
        #expect(turns[0].latency[.turnComplete] == Double(recording.frames[1].time - recording.frames[0].time) / 1000)
    }

    @Test func aMissingRecordingIsNoInput() {
        do {
            _ = try FrameRecording(contentsOfFile: "/nonexistent/cassette.ndjson")
            Issue.record("read a missing file")
        } catch {
            #expect(error.category == .noInput)
        }
    }

    @Test func speechThresholdIsMinus40dBFS() {
        #expect(PCMLoudness.minimumMagnitude(above: -40) == 328)
        #expect(PCMLoudness.minimumMagnitude(above: -20) == 3277)
        #expect(PCMLoudness.hasSample(in: [0x48, 0x01]))  // 328
        #expect(!PCMLoudness.hasSample(in: [0x47, 0x01]))  // 327
        #expect(PCMLoudness.hasSample(in: [0x00, 0x00, 0xB8, 0xFE]))  // -328
        #expect(!PCMLoudness.hasSample(in: [0xB9, 0xFE, 0x48]))  // -327 and an odd byte
        #expect(!PCMLoudness.hasSample(in: []))
    }
}
