import Foundation
import Testing

@testable import GeminiLiveProtocol

struct NDJSONReaderTests {
    static let sample: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array(
            """
            {"setup":{"model":"models/x"}}\r
            \r

            {"realtimeInput":{"text":"héllo"}}
               \t
            {"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"\(String(repeating: "A", count: 70_000))"}}}
            {"clientContent":{"turnComplete":true}}
            """.utf8)

    /// The obvious reading of the format: split, number, strip BOM and CR, drop blank lines.
    private static func naiveLines(_ bytes: [UInt8]) -> [NDJSONLine] {
        var lines: [NDJSONLine] = []
        for (offset, piece) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Array(piece)
            if offset == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            lines.append(NDJSONLine(number: offset + 1, bytes: line))
        }
        return lines
    }

    private static func readAll(_ reader: inout NDJSONReader) throws -> [NDJSONLine] {
        var lines: [NDJSONLine] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4095, 65536, 1 << 20])
    func pipeMatchesNaiveSplit(chunkSize: Int) throws {
        let fileDescriptor = PipeFeeder.readEnd(feeding: Self.sample, chunkSize: chunkSize)
        defer { close(fileDescriptor) }
        var reader = NDJSONReader(fileDescriptor: fileDescriptor, sourceName: "stdin")
        let lines = try Self.readAll(&reader)
        #expect(lines == Self.naiveLines(Self.sample))
        #expect(lines.map(\.number) == [1, 4, 6, 7])
        for line in lines { _ = try reader.parse(line) }
    }

    @Test func inMemoryMatchesNaiveSplit() throws {
        var reader = NDJSONReader(bytes: Self.sample)
        #expect(try Self.readAll(&reader) == Self.naiveLines(Self.sample))
    }

    @Test func handlesA64MiBLine() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 20)
        let input = Array(#"{"a":""#.utf8) + payload + Array("\"}\n{}".utf8)
        let fileDescriptor = PipeFeeder.readEnd(feeding: input, chunkSize: 1 << 20)
        defer { close(fileDescriptor) }
        var reader = NDJSONReader(fileDescriptor: fileDescriptor, sourceName: "big")
        let first = try #require(try reader.next())
        #expect(first.number == 1 && first.bytes.count == payload.count + 8)
        #expect(try reader.parse(first)["a"]?.stringValue?.utf8.count == payload.count)
        #expect(try reader.next() == NDJSONLine(number: 2, bytes: Array("{}".utf8)))
        #expect(try reader.next() == nil)
    }

    @Test func missingFinalNewlineAndEmptyInput() throws {
        var reader = NDJSONReader(bytes: Array("{}\n[1]".utf8))
        #expect(try Self.readAll(&reader).map(\.text) == ["{}", "[1]"])
        var empty = NDJSONReader(bytes: [])
        #expect(try empty.next() == nil)
        var blanks = NDJSONReader(bytes: Array("\n\r\n  \n".utf8))
        #expect(try blanks.next() == nil)
    }

    @Test func parseErrorsNameSourceLineAndColumn() throws {
        var reader = NDJSONReader(bytes: Array("{}\n\n{\"setup\" {}}\n".utf8), sourceName: "stdin")
        _ = try reader.next()
        let bad = try #require(try reader.next())
        #expect(throws: LineError(source: "stdin", line: 3, problem: "expected ':' after object key at column 10")) {
            try reader.parse(bad)
        }
        #expect(
            reader.error("setup.model: missing required field", line: bad).description
                == "stdin:3: setup.model: missing required field")
    }

    @Test func readErrorsNameSourceAndReason() throws {
        let directory = open("/", O_RDONLY)
        defer { close(directory) }
        var reader = NDJSONReader(fileDescriptor: directory, sourceName: "/")
        #expect(throws: StreamReadError(source: "/", code: EISDIR)) { try reader.next() }
        #expect(StreamReadError(source: "/", code: EISDIR).description == "/: read failed: Is a directory")
    }
}
