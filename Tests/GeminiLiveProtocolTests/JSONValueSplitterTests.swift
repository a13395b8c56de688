import GeminiLiveProtocol
import Testing

/// Values in every layout, one bad value costing only itself, the same at every chunk size.
@Suite("JSON value splitter")
struct JSONValueSplitterTests {
    /// What the splitter found: `line: text of the value` or `line: problem`.
    static func pieces(_ text: String, chunk size: Int = 1 << 16) -> [String] {
        let bytes = Array(text.utf8)
        var splitter = JSONValueSplitter()
        var found: [String] = []
        ChunkFeeder.feed(bytes, chunk: size) { raw, final in
            splitter.split(raw, final: final) { piece in
                switch piece {
                case .value(let range, let line, let column):
                    let value = try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[range]))
                    found.append(
                        "\(line):\(column): " + (value.map { String(decoding: $0.compactBytes, as: UTF8.self) } ?? "?"))
                case .problem(let line, let text):
                    found.append("\(line): problem: \(text)")
                }
            }
        }
        return found
    }

    static let sizes = [1, 2, 5, 13, 64, 1 << 16]

    @Test("compact then pretty: every message, at any chunk size", arguments: sizes)
    func compactThenPretty(chunk: Int) {
        let text = "{\"setupComplete\":{}}\n{\n  \"setupComplete\": {}\n}\n{\"a\": [1, 2]}\n"
        #expect(
            Self.pieces(text, chunk: chunk) == [
                "1:1: {\"setupComplete\":{}}", "2:1: {\"setupComplete\":{}}", "5:1: {\"a\":[1,2]}",
            ])
    }

    @Test("pretty then compact, interleaved, CRLF, BOM, blank lines, several values on a line", arguments: sizes)
    func interleaved(chunk: Int) {
        let text =
            "\u{FEFF}{\r\n  \"a\": {\r\n    \"b\": \"x\\\"}\"\r\n  }\r\n}\r\n\r\n{\"c\":1} {\"d\":2}\n  [3]\n{\n \"e\": null\n}"
        #expect(
            Self.pieces(text, chunk: chunk) == [
                "1:1: {\"a\":{\"b\":\"x\\\"}\"}}", "7:1: {\"c\":1}", "7:9: {\"d\":2}", "8:3: [3]",
                "9:1: {\"e\":null}",
            ])
    }

    @Test("a truncated compact line costs only itself, also before a pretty message", arguments: sizes)
    func truncatedCompact(chunk: Int) {
        let text = "{\"a\":1}\n{\"serverContent\":{\"modelTurn\"\n{\n  \"b\": 2\n}\n{\"c\":3}\n"
        let found = Self.pieces(text, chunk: chunk)
        #expect(found.count == 4)
        #expect(found[0] == "1:1: {\"a\":1}")
        #expect(found[1].hasPrefix("2: problem: "))
        #expect(found[2] == "3:1: {\"b\":2}")
        #expect(found[3] == "6:1: {\"c\":3}")
    }

    @Test("a bad pretty value between good ones: the rest kept, the problem on the line it starts", arguments: sizes)
    func badPretty(chunk: Int) {
        let text = "{\n  \"a\": 1\n}\n{\n  \"b\" 2,\n  \"c\": {}\n}\n{\n  \"d\": 4\n}\n"
        let found = Self.pieces(text, chunk: chunk)
        #expect(found.count == 3)
        #expect(found[0] == "1:1: {\"a\":1}")
        #expect(found[1] == "4: problem: expected ':' after object key (at line 5, column 7)")
        #expect(found[2] == "8:1: {\"d\":4}")
    }

    @Test("garbage lines, stray brackets and an unfinished last value are each one problem", arguments: sizes)
    func garbage(chunk: Int) {
        let text = "{}\nhello world\n{\"ok\":true}\n}\n{\"x\":"
        let found = Self.pieces(text, chunk: chunk)
        #expect(found.count == 5)
        #expect(found[0] == "1:1: {}")
        #expect(found[1].hasPrefix("2: problem: "))
        #expect(found[2] == "3:1: {\"ok\":true}")
        #expect(found[3].hasPrefix("4: problem: "))
        #expect(found[4].hasPrefix("5: problem: "))
    }

    @Test("a string that runs past its line is a problem, and the next line is read")
    func rawNewlineInString() {
        let found = Self.pieces("{\"a\":\"abc\n{\"b\":1}\n")
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("1: problem: "))
        #expect(found[1] == "2:1: {\"b\":1}")
    }

    @Test("a live stream: a value is handed out as soon as its last line is complete")
    func live() {
        var splitter = JSONValueSplitter()
        var values = 0
        let first = Array("{\n  \"a\": 1\n".utf8)
        let kept = first.withUnsafeBytes { raw in
            splitter.split(raw, final: false) { _ in values += 1 }
        }
        #expect(values == 0)
        #expect(kept == 0)
        let second = first + Array("}\n{\"b\"".utf8)
        let consumed = second.withUnsafeBytes { raw in
            splitter.split(raw, final: false) { _ in values += 1 }
        }
        #expect(values == 1)
        #expect(consumed == first.count + 2)
    }
}
