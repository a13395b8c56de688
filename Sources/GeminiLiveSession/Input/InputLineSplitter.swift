import GeminiLiveProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Cuts bytes, as they arrive in chunks of any size, into NDJSON lines, with `NDJSONReader`'s rules.
///
/// The session reads pipes on its event loop, which hands over whatever one `read` returned, so lines are
/// cut here rather than by a reader that owns the descriptor. Rules: lines end at `\n`; a trailing `\r`
/// and a BOM at the start of line 1 are dropped; blank lines are skipped but counted; a last line
/// without `\n` counts at the end of input.
struct InputLineSplitter: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    /// How far past `start` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0
    private var lineNumber = 0

    /// Adds bytes read from the input.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete non-blank line, or nil when no whole line is buffered.
    mutating func next() -> NDJSONLine? {
        while true {
            let from = start + scanned
            let newline = buffer.withUnsafeBytes { raw -> Int? in
                guard from < raw.count, let base = raw.baseAddress,
                    let found = memchr(base + from, 0x0A, raw.count - from)
                else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            guard let newline else {
                scanned = buffer.count - start
                return nil
            }
            if let line = cut(start..<newline, next: newline + 1) { return line }
        }
    }

    /// At the end of input: the last line when it had no `\n` and is not blank.
    mutating func finish() -> NDJSONLine? {
        guard start < buffer.count else { return nil }
        return cut(start..<buffer.count, next: buffer.count)
    }

    private mutating func cut(_ range: Range<Int>, next: Int) -> NDJSONLine? {
        lineNumber += 1
        start = next
        scanned = 0
        guard let content = NDJSONLine.content(of: range, in: buffer, lineNumber: lineNumber) else { return nil }
        return NDJSONLine(number: lineNumber, bytes: Array(buffer[content]))
    }
}
