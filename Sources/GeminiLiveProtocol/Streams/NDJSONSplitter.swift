#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts bytes, as they arrive in chunks of any size, into NDJSON lines: the one line splitter of the tools.
///
/// Rules (`NDJSONLine.content`): lines end at `\n`; a trailing `\r` and a BOM at the start of line 1 are
/// dropped; blank lines are skipped but counted; a last line without `\n` counts at the end of input.
///
/// Two ways in, over one loop. A reader that owns no buffer (the session's event loop hands over whatever one
/// `read` returned) calls `append` and `next`, and gets each line copied out. A reader that keeps its own
/// buffer (the decoder's batches, `JSONValueSplitter`) calls `lines(in:final:_:)` and gets ranges in it.
public struct NDJSONSplitter: Sendable {
    /// The number of the next line (1-based; blank lines count).
    public var nextLineNumber = 1
    private var buffer: [UInt8] = []
    private var start = 0
    /// How far past `start` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0

    /// Creates a splitter at line 1.
    public init() {}

    // MARK: - Ranges in the caller's buffer

    /// Calls `body` with each complete line in `bytes`: the whole line without its `\n` (`line`), its content
    /// by `NDJSONLine.content` (nil for a blank line), and its number. With `final`, a last line without `\n`
    /// counts too. Returns how many bytes were consumed: the caller keeps `bytes[consumed...]` and hands them in
    /// again, in front of what it reads next. `body` returns false to stop after that line.
    @discardableResult
    public mutating func lines(
        in bytes: UnsafeRawBufferPointer, final: Bool,
        _ body: (_ line: Range<Int>, _ content: Range<Int>?, _ number: Int) -> Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var lineStart = 0
        while lineStart < bytes.count {
            let end: Int
            let next: Int
            if let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                end = base.distance(to: UnsafeRawPointer(found))
                next = end + 1
            } else if final {
                end = bytes.count
                next = end
            } else {
                break
            }
            let number = nextLineNumber
            nextLineNumber += 1
            let line = lineStart..<end
            lineStart = next
            if !body(line, Self.content(of: line, in: bytes, lineNumber: number), number) { break }
        }
        return lineStart
    }

    /// `NDJSONLine.content` over raw bytes.
    static func content(of range: Range<Int>, in bytes: UnsafeRawBufferPointer, lineNumber: Int) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        if lineNumber == 1, upper - lower >= 3, bytes[lower] == 0xEF, bytes[lower + 1] == 0xBB,
            bytes[lower + 2] == 0xBF
        {
            lower += 3
        }
        if upper > lower, bytes[upper - 1] == UInt8(ascii: "\r") { upper -= 1 }
        var index = lower
        while index < upper, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D { index += 1 }
        return index == upper ? nil : lower..<upper
    }

    // MARK: - Lines copied out

    /// Adds bytes read from the input, for `next()`.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start >= 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete non-blank line appended so far, or nil when no whole line is buffered.
    public mutating func next() -> NDJSONLine? { take(final: false) }

    /// At the end of input: the last line when it had no `\n` and is not blank (then nil for good).
    public mutating func finish() -> NDJSONLine? { take(final: true) }

    private mutating func take(final: Bool) -> NDJSONLine? {
        var taken: NDJSONLine?
        let from = start
        let skip = scanned
        let consumed = buffer.withUnsafeBytes { raw -> Int in
            let rest = UnsafeRawBufferPointer(rebasing: raw[from...])
            // Nothing new can end a line inside the bytes already scanned.
            if !final, skip > 0, memchr(rest.baseAddress! + skip, 0x0A, rest.count - skip) == nil { return 0 }
            return lines(in: rest, final: final) { _, content, number in
                guard let content else { return true }
                taken = NDJSONLine(number: number, bytes: Array(rest[content]))
                return false
            }
        }
        start += consumed
        scanned = taken == nil ? buffer.count - start : 0
        return taken
    }
}
