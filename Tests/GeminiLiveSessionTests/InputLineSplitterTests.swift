import GeminiLiveProtocol
import Testing

@testable import GeminiLiveSession

/// Lines cut from chunks must be exactly what `NDJSONReader` reads from the same bytes.
@Suite("input line splitter")
struct InputLineSplitterTests {
    /// Every line, feeding `text` in chunks of `size` bytes.
    static func lines(_ bytes: [UInt8], chunk size: Int) -> [NDJSONLine] {
        var splitter = InputLineSplitter()
        var lines: [NDJSONLine] = []
        var offset = 0
        while offset < bytes.count {
            splitter.append(bytes[offset..<min(offset + size, bytes.count)])
            offset += size
            while let line = splitter.next() { lines.append(line) }
        }
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }

    static func reference(_ bytes: [UInt8]) throws -> [NDJSONLine] {
        var reader = NDJSONReader(bytes: bytes)
        var lines: [NDJSONLine] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test(
        "BOM, CRLF, blank and whitespace lines, a last line without newline: as NDJSONReader, at any chunk size",
        arguments: [1, 2, 3, 7, 64, 1 << 16])
    func matchesReader(chunk: Int) throws {
        let text =
            "\u{FEFF}{\"a\":1}\r\n\n   \n{\"b\":2}\n \t\r\n{\"c\":\"" + String(repeating: "x", count: 300) + "\"}"
        let bytes = Array(text.utf8)
        let expected = try Self.reference(bytes)
        #expect(expected.map(\.number) == [1, 4, 6])
        #expect(Self.lines(bytes, chunk: chunk) == expected)
    }

    @Test("nothing, a lone newline and trailing blanks give no lines")
    func empty() {
        #expect(Self.lines([], chunk: 4).isEmpty)
        #expect(Self.lines(Array("\n\n  \n".utf8), chunk: 1).isEmpty)
    }
}
