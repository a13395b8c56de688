#if canImport(Glibc)
    import Glibc
#endif

/// Reads a stream of JSON values laid out any way (pretty-printed over many lines, several per line), as jq does.
///
/// The service pretty-prints its messages, so logs of it are not NDJSON. A malformed value throws a
/// `LineError`; the next call resumes at the first later line that starts (after indentation no deeper
/// than the bad value's) with `{`, so one bad message does not lose the rest.
public struct JSONStreamReader: Sendable {
    private var source: ByteSource
    /// The line and column (both 1-based) of `source.start`.
    private var line = 1
    private var column = 1
    /// Where a value's end search stopped, so bytes arriving in many reads are scanned once.
    private var scan = ValueScanner()
    /// Set after an error: the indentation a resynchronisation line may have at most.
    private var resyncIndent: Int?
    /// Whether the reader stopped mid-line after an error and must finish that line before resynchronising.
    private var resyncMidLine = false

    /// The input's name used in errors, e.g. `stdin`.
    public var sourceName: String { source.sourceName }

    /// Whether the next value needs another read (no complete line is buffered), which may block on a live pipe.
    ///
    /// Consumers flush their outputs when this is true, so output keeps up with live input while batch
    /// input is handled in large buffers.
    public var needsInput: Bool {
        !source.reachedEnd && source.firstIndex(of: UInt8(ascii: "\n"), from: source.start) == nil
    }

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
        if let indent = resyncIndent {
            if resyncMidLine {
                guard try skipRestOfLine() else { return nil }
                resyncMidLine = false
            }
            guard try resynchronise(maximumIndent: indent) else { return nil }
            resyncIndent = nil
        }
        guard try skipWhitespace() else { return nil }
        if let value = try nextWholeLine() { return value }
        var end: Int
        while true {
            if let found = scan.findEnd(in: source.buffer, start: source.start, final: source.reachedEnd) {
                end = found
                break
            }
            if try !source.fill() {
                end = scan.findEnd(in: source.buffer, start: source.start, final: true) ?? source.buffer.count
                break
            }
        }
        scan = ValueScanner()
        let startLine = line
        let startColumn = column
        let parsed = source.buffer.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in
                try JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[source.start..<end]))
            }
        }
        switch parsed {
        case .success(let value):
            consume(upTo: end)
            return JSONStreamValue(line: startLine, value: value)
        case .failure(let error):
            let problem = locate(error, startLine: startLine, startColumn: startColumn)
            // Step past the bad value's first line; resynchronisation looks at the lines after it.
            let newline = source.firstIndex(of: UInt8(ascii: "\n"), from: source.start)
            consume(upTo: newline.map { $0 + 1 } ?? source.buffer.count)
            resyncMidLine = newline == nil
            resyncIndent = startColumn - 1
            throw problem
        }
    }

    /// The NDJSON fast path: when the rest of the current line parses as one value, take it.
    ///
    /// memchr finds the line end far faster than the bracket scanner walks it, and NDJSON is what
    /// the tools pass each other. Anything else (a pretty-printed value, two values on a line, a
    /// broken line) fails here cheaply and goes the general way, which reports errors.
    private mutating func nextWholeLine() throws -> JSONStreamValue? {
        var newline = source.firstIndex(of: UInt8(ascii: "\n"), from: source.start)
        while newline == nil {
            // fill() may move the unread bytes to the front; keep the searched length relative to start.
            let searched = source.buffer.count - source.start
            guard try source.fill() else { return nil }
            newline = source.firstIndex(of: UInt8(ascii: "\n"), from: source.start + searched)
        }
        guard let end = newline else { return nil }
        let parsed = source.buffer.withUnsafeBytes { raw in
            try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[source.start..<end]))
        }
        guard let value = parsed else { return nil }
        let startLine = line
        consume(upTo: end + 1)
        return JSONStreamValue(line: startLine, value: value)
    }

    /// Turns a parse error inside the value at `source.start` into `source:line: problem at column N`.
    private func locate(_ error: JSONParseError, startLine: Int, startColumn: Int) -> LineError {
        var errorLine = startLine
        var errorColumn = startColumn
        let target = min(source.start + error.offset, source.buffer.count)
        for index in source.start..<target {
            if source.buffer[index] == UInt8(ascii: "\n") {
                errorLine += 1
                errorColumn = 1
            } else {
                errorColumn += 1
            }
        }
        // Report the line where the bad value began: in NDJSON that is the broken line itself.
        let position =
            errorLine == startLine ? "at column \(errorColumn)" : "(at line \(errorLine), column \(errorColumn))"
        return LineError(source: sourceName, line: startLine, problem: "\(error.message) \(position)")
    }

    /// Advances `source.start`, keeping the line and column counts.
    ///
    /// memchr finds the line breaks: this runs over every byte of the input, so a byte-at-a-time
    /// loop here was a tenth of the decoder's time.
    private mutating func consume(upTo end: Int) {
        var lastLineStart: Int?
        var newlines = 0
        source.buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var index = source.start
            while index < end, let found = memchr(base + index, 0x0A, end - index) {
                let position = base.distance(to: UnsafeRawPointer(found))
                newlines += 1
                lastLineStart = position + 1
                index = position + 1
            }
        }
        line += newlines
        if let lastLineStart {
            column = end - lastLineStart + 1
        } else {
            column += end - source.start
        }
        source.start = end
    }

    /// Skips whitespace between values; false at end of input.
    private mutating func skipWhitespace() throws -> Bool {
        while true {
            while source.start < source.buffer.count {
                switch source.buffer[source.start] {
                case 0x20, 0x09, 0x0D, 0x0A: consume(upTo: source.start + 1)
                default: return true
                }
            }
            guard try source.fill() else { return false }
        }
    }

    /// Skips whole lines until one whose first non-blank byte is `{` at an indentation of at most `maximumIndent`.
    private mutating func resynchronise(maximumIndent: Int) throws -> Bool {
        while true {
            // The reader is at a line start here (or at the end of input).
            var indent = 0
            while true {
                if source.start + indent >= source.buffer.count {
                    guard try source.fill() else { return false }
                    continue
                }
                let byte = source.buffer[source.start + indent]
                if byte == 0x20 || byte == 0x09 {
                    indent += 1
                    continue
                }
                if byte == UInt8(ascii: "{"), indent <= maximumIndent { return true }
                break
            }
            guard try skipRestOfLine() else { return false }
        }
    }

    /// Consumes through the next newline; false if the input ends first.
    private mutating func skipRestOfLine() throws -> Bool {
        var searched = source.start
        while true {
            if let newline = source.firstIndex(of: UInt8(ascii: "\n"), from: searched) {
                consume(upTo: newline + 1)
                return true
            }
            let offset = source.buffer.count - source.start
            guard try source.fill() else {
                consume(upTo: source.buffer.count)
                return false
            }
            searched = source.start + offset
        }
    }
}
