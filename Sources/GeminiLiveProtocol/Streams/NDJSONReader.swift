/// Reads newline-delimited JSON: one value per line, any line length, CRLF and a leading BOM tolerated.
public struct NDJSONReader: Sendable {
    private var source: ByteSource
    private var lineNumber = 0
    /// How far past `source.start` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0

    /// The input's name used in errors, e.g. `stdin`.
    public var sourceName: String { source.sourceName }

    /// Reads from a file descriptor (file, pipe, FIFO or tty); the caller keeps ownership of it.
    public init(fileDescriptor: Int32, sourceName: String) {
        source = ByteSource(fileDescriptor: fileDescriptor, sourceName: sourceName)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], sourceName: String = "<bytes>") {
        source = ByteSource(bytes: bytes, sourceName: sourceName)
    }

    /// The next non-blank line, or nil at end of input.
    public mutating func next() throws(StreamReadError) -> NDJSONLine? {
        while true {
            let end: Int
            let next: Int
            if let newline = source.firstIndex(of: UInt8(ascii: "\n"), from: source.start + scanned) {
                end = newline
                next = newline + 1
            } else {
                scanned = source.available
                if try source.fill() { continue }
                guard source.available > 0 else { return nil }
                end = source.buffer.count
                next = end
            }
            lineNumber += 1
            let line = NDJSONLine.content(of: source.start..<end, in: source.buffer, lineNumber: lineNumber)
            source.start = next
            scanned = 0
            if let line { return NDJSONLine(number: lineNumber, bytes: Array(source.buffer[line])) }
        }
    }

    /// Parses a line as JSON, reporting syntax errors as `source:line: problem at column N`.
    public func parse(_ line: NDJSONLine) throws(LineError) -> JSONValue {
        do {
            return try JSONParser.parse(line.bytes)
        } catch {
            throw LineError(
                source: sourceName, line: line.number, problem: "\(error.message) at column \(error.offset + 1)")
        }
    }

    /// An error about `line` in this reader's `source:line: problem` form.
    public func error(_ problem: String, line: NDJSONLine) -> LineError {
        LineError(source: sourceName, line: line.number, problem: problem)
    }
}
