/// Reads newline-delimited JSON: one value per line, any line length, CRLF and a leading BOM tolerated.
///
/// A pull reader over `NDJSONSplitter`, for callers that own a descriptor and want lines one at a time.
public struct NDJSONReader: Sendable {
    private var source: ByteSource
    private var splitter = NDJSONSplitter()
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
            if let line = take(final: source.reachedEnd) { return line }
            if source.reachedEnd { return nil }
            if try !source.fill(), let line = take(final: true) { return line }
        }
    }

    private mutating func take(final: Bool) -> NDJSONLine? {
        if !final {
            guard source.firstIndex(of: UInt8(ascii: "\n"), from: source.start + scanned) != nil else {
                scanned = source.available
                return nil
            }
        }
        scanned = 0
        var taken: NDJSONLine?
        let start = source.start
        let consumed = source.buffer.withUnsafeBytes { raw in
            let rest = UnsafeRawBufferPointer(rebasing: raw[start...])
            return splitter.lines(in: rest, final: final) { _, content, number in
                guard let content else { return true }
                taken = NDJSONLine(number: number, bytes: Array(rest[content]))
                return false
            }
        }
        source.start += consumed
        return taken
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
