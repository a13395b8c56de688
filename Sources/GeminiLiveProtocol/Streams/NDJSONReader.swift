/// Reads newline-delimited JSON: one value per line, any line length, CRLF and a leading BOM tolerated.
///
/// A pull reader over `NDJSONSplitter`, for callers that own a descriptor and want lines one at a time.
public struct NDJSONReader: Sendable {
    private var source: ByteSource
    private var splitter = NDJSONSplitter()

    /// The input's name used in errors, e.g. `stdin`.
    public var sourceName: String { source.sourceName }

    /// Reads from a file descriptor (file, pipe, FIFO or tty); the caller keeps ownership of it.
    public init(fileDescriptor: Int32, sourceName: String) {
        source = ByteSource(fileDescriptor: fileDescriptor, sourceName: sourceName)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], sourceName: String = "<bytes>") {
        // The splitter holds the bytes; the source only says the input has ended.
        source = ByteSource(bytes: [], sourceName: sourceName)
        splitter.append(bytes)
    }

    /// The next non-blank line, or nil at end of input.
    public mutating func next() throws(StreamReadError) -> NDJSONLine? {
        while true {
            if let line = splitter.next() { return line }
            if source.reachedEnd { return splitter.finish() }
            if try source.fill() {
                splitter.append(source.buffer[source.start...])
                source.start = source.buffer.count
            }
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
