/// Reads a stream of JSON values laid out any way (pretty-printed over many lines, several per line, mixed with
/// NDJSON), as jq does: a pull reader over `JSONValueSplitter`.
///
/// A malformed value throws a `LineError` naming the line where it starts; the next call goes on with the
/// values after it, so one bad message does not lose the rest.
public struct JSONStreamReader: Sendable {
    private var source: ByteSource
    private var splitter = JSONValueSplitter()
    /// Values and problems already cut from the buffer, oldest first.
    private var ready: [Result<JSONStreamValue, LineError>] = []
    private var readyIndex = 0

    /// The input's name used in errors, e.g. `stdin`.
    public var sourceName: String { source.sourceName }

    /// Whether the next value needs another read, which may block on a live pipe.
    ///
    /// Consumers flush their outputs when this is true, so output keeps up with live input while batch
    /// input is handled in large buffers.
    public var needsInput: Bool { readyIndex == ready.count && !source.reachedEnd }

    /// Reads from a file descriptor (file, pipe, FIFO or tty); the caller keeps ownership of it.
    public init(fileDescriptor: Int32, sourceName: String) {
        source = ByteSource(fileDescriptor: fileDescriptor, sourceName: sourceName)
    }

    /// Reads `prefix` (bytes a caller already took from the descriptor), then the rest of the descriptor.
    public init(fileDescriptor: Int32, sourceName: String, prefix: [UInt8]) {
        source = ByteSource(fileDescriptor: fileDescriptor, sourceName: sourceName, prefix: prefix)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8], sourceName: String = "<bytes>") {
        source = ByteSource(bytes: bytes, sourceName: sourceName)
    }

    /// The next value, or nil at end of input; throws `LineError` for a malformed value, `StreamReadError` for I/O.
    public mutating func next() throws -> JSONStreamValue? {
        while readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            let final = source.reachedEnd
            cut(final: final)
            if readyIndex < ready.count { break }
            if final { return nil }
            if try !source.fill() { cut(final: true) }
            if readyIndex == ready.count, source.reachedEnd, source.available == 0 { return nil }
        }
        let result = ready[readyIndex]
        readyIndex += 1
        return try result.get()
    }

    /// Cuts what the buffer holds into parsed values and problems.
    private mutating func cut(final: Bool) {
        let name = source.sourceName
        var found: [Result<JSONStreamValue, LineError>] = []
        let start = source.start
        let consumed = source.buffer.withUnsafeBytes { raw in
            let rest = UnsafeRawBufferPointer(rebasing: raw[start...])
            return splitter.split(rest, final: final) { piece in
                switch piece {
                case .value(let range, let line, let column):
                    let bytes = UnsafeRawBufferPointer(rebasing: rest[range])
                    switch Result(catching: { () throws(JSONParseError) in try JSONParser.parse(bytes) }) {
                    case .success(let value):
                        found.append(.success(JSONStreamValue(line: line, value: value)))
                    case .failure(let error):
                        let text = JSONValueSplitter.describe(error, in: bytes, line: line, column: column)
                        found.append(.failure(LineError(source: name, line: line, problem: text)))
                    }
                case .problem(let line, let text):
                    found.append(.failure(LineError(source: name, line: line, problem: text)))
                }
            }
        }
        source.start += consumed
        ready += found
    }
}
