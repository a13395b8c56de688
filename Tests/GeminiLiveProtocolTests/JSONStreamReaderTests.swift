import Foundation
import Testing

@testable import GeminiLiveProtocol

struct JSONStreamReaderTests {
    static let mixed = """
        {"a":1}{"b":2} [3]
        "x" 4 true
        {
          "c": {
            "d": [1,
              2]
          }
        }
        null
        """

    private static func readAll(_ reader: inout JSONStreamReader) -> [Result<JSONStreamValue, LineError>] {
        var results: [Result<JSONStreamValue, LineError>] = []
        while true {
            do {
                guard let value = try reader.next() else { return results }
                results.append(.success(value))
            } catch let error as LineError {
                results.append(.failure(error))
            } catch {
                Issue.record("unexpected \(error)")
                return results
            }
        }
    }

    @Test(arguments: [1, 2, 5, 64, 65536])
    func readsPrettyAndConcatenatedValues(chunkSize: Int) {
        let fileDescriptor = PipeFeeder.readEnd(feeding: Array(Self.mixed.utf8), chunkSize: chunkSize)
        defer { close(fileDescriptor) }
        var reader = JSONStreamReader(fileDescriptor: fileDescriptor, sourceName: "log")
        let expected: [JSONStreamValue] = [
            .init(line: 1, value: ["a": 1]), .init(line: 1, value: ["b": 2]), .init(line: 1, value: [3]),
            .init(line: 2, value: "x"), .init(line: 2, value: 4), .init(line: 2, value: true),
            .init(line: 3, value: ["c": ["d": [1, 2]]]), .init(line: 9, value: nil),
        ]
        #expect(Self.readAll(&reader).map { try? $0.get() } == expected)
    }

    @Test func resynchronisesAfterABadPrettyMessage() throws {
        let log = """
            {
              "setupComplete": {}
            }
            {
              "serverContent": {
                "modelTurn": {
                  "parts": [
                    {
                      "text": "oops" "missing comma"
                    }
                  ]
                }
              }
            }
            {
              "serverContent": {
                "turnComplete": true
              }
            }
            """
        var reader = JSONStreamReader(bytes: Array(log.utf8), sourceName: "server.log")
        let results = Self.readAll(&reader)
        #expect(results.count == 3)
        #expect(try results[0].get() == JSONStreamValue(line: 1, value: ["setupComplete": [:]]))
        #expect(
            throws: LineError(
                source: "server.log", line: 4,
                problem: "expected ',' or '}' in object, found '\"' (at line 9, column 26)")
        ) {
            try results[1].get()
        }
        #expect(try results[2].get() == JSONStreamValue(line: 15, value: ["serverContent": ["turnComplete": true]]))
    }

    @Test func unbalancedValueDoesNotSwallowTheNextLine() throws {
        var reader = JSONStreamReader(bytes: Array("{\"a\": [1, 2}\n{\"b\": 2}\n".utf8), sourceName: "stdin")
        let results = Self.readAll(&reader)
        #expect(results.count == 2)
        #expect(throws: LineError.self) { try results[0].get() }
        #expect(try results[1].get() == JSONStreamValue(line: 2, value: ["b": 2]))
    }

    @Test func cutOffLineIsReportedAtItsOwnLineAndDoesNotSwallowTheNext() throws {
        let text = "{\"a\":1}\n{\"serverContent\": {\"modelTurn\": \n{\"b\":2}\n{\"s\":\"no end\n{\"c\":3}\n"
        var reader = JSONStreamReader(bytes: Array(text.utf8), sourceName: "stdin")
        let results = Self.readAll(&reader)
        #expect(results.count == 5)
        guard case .failure(let first) = results[1], case .failure(let second) = results[3] else {
            Issue.record("expected two errors, got \(results)")
            return
        }
        #expect(first.line == 2)
        #expect(second.line == 4)
        #expect(try results[2].get() == JSONStreamValue(line: 3, value: ["b": 2]))
        #expect(try results[4].get() == JSONStreamValue(line: 5, value: ["c": 3]))
    }

    @Test func truncatedFinalValueIsReported() {
        var reader = JSONStreamReader(bytes: Array("{\"a\":1}\n{\"b\":".utf8), sourceName: "stdin")
        let results = Self.readAll(&reader)
        #expect(results.count == 2)
        #expect(throws: LineError(source: "stdin", line: 2, problem: "unexpected end of input at column 6")) {
            try results[1].get()
        }
    }

    @Test func garbageBetweenValues() throws {
        var reader = JSONStreamReader(bytes: Array("{}\nhello world\n{\"ok\":true}\n".utf8), sourceName: "stdin")
        let results = Self.readAll(&reader)
        #expect(results.count == 3)
        #expect(throws: LineError(source: "stdin", line: 2, problem: "unexpected 'h' at column 1")) {
            try results[1].get()
        }
        #expect(try results[2].get().value == ["ok": true])
    }
}
