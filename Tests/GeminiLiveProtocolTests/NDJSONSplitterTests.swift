import GeminiLiveProtocol
import Testing

/// Lines cut from chunks must be exactly what `NDJSONReader` reads from the same bytes, through either entry.
@Suite("NDJSON splitter")
struct NDJSONSplitterTests {
    static let chunkSizes = [1, 2, 3, 7, 64, 4096, 1 << 16]

    /// Every line, feeding `bytes` in chunks of `size` bytes to `append` and `next`.
    static func lines(_ bytes: [UInt8], chunk size: Int) -> [NDJSONLine] {
        var splitter = NDJSONSplitter()
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

    /// Every line through the range entry: the caller keeps the unconsumed tail and adds the next chunk to it.
    static func ranges(_ bytes: [UInt8], chunk size: Int) -> [NDJSONLine] {
        var splitter = NDJSONSplitter()
        var lines: [NDJSONLine] = []
        ChunkFeeder.feed(bytes, chunk: size) { raw, final in
            splitter.lines(in: raw, final: final) { _, content, number in
                if let content { lines.append(NDJSONLine(number: number, bytes: Array(raw[content]))) }
                return true
            }
        }
        return lines
    }

    static func reference(_ bytes: [UInt8]) throws -> [NDJSONLine] {
        var reader = NDJSONReader(bytes: bytes)
        var lines: [NDJSONLine] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    static let sample = Array(
        ("\u{FEFF}{\"a\":1}\r\n\n   \n{\"b\":2}\n \t\r\n{\"c\":\"" + String(repeating: "x", count: 70_000) + "\"}").utf8
    )

    @Test(
        "BOM, CRLF, blank and whitespace lines, a last line without newline: the same at any chunk size",
        arguments: chunkSizes)
    func matchesReader(chunk: Int) throws {
        let expected = try Self.reference(Self.sample)
        #expect(expected.map(\.number) == [1, 4, 6])
        #expect(expected.first?.bytes == Array("{\"a\":1}".utf8))
        #expect(Self.lines(Self.sample, chunk: chunk) == expected)
        #expect(Self.ranges(Self.sample, chunk: chunk) == expected)
    }

    @Test("a BOM only counts on line 1; a lone CR line is blank")
    func byteOrderMarkOnlyFirst() throws {
        let bytes = Array("{}\n\u{FEFF}{}\n\r\n".utf8)
        let lines = try Self.reference(bytes)
        #expect(lines.map(\.bytes) == [Array("{}".utf8), Array("\u{FEFF}{}".utf8)])
        #expect(Self.lines(bytes, chunk: 1) == lines)
    }

    @Test("nothing, a lone newline and trailing blanks give no lines")
    func empty() {
        #expect(Self.lines([], chunk: 4).isEmpty)
        #expect(Self.lines(Array("\n\n  \n".utf8), chunk: 1).isEmpty)
        #expect(Self.ranges(Array("\n\n  \n".utf8), chunk: 1).isEmpty)
    }
}
