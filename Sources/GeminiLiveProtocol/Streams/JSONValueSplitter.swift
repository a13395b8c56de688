/// Cuts bytes, as they arrive, into JSON values laid out any way, as jq reads them: compact NDJSON,
/// pretty-printed values over many lines, both mixed in any order, several values on one line, blank lines,
/// CRLF and a BOM.
///
/// Lines come from `NDJSONSplitter`, so the line rules are the tools' one rule, and `JSONStructureScanner`
/// follows each value across them. Bytes that are no value are reported with the line where they start; the
/// splitter then resynchronises at the first later line that starts, after indentation no deeper than the bad
/// value's, with `{`, so one bad message costs only itself and never the layout of the rest.
///
/// Push-style: the caller owns the buffer. Each call hands in the bytes kept from the last call followed by
/// what was read since; the call returns how many leading bytes it is done with.
public struct JSONValueSplitter: Sendable {
    /// What the splitter found.
    public enum Piece: Sendable, Equatable {
        /// A value (by structure; the parser still judges its scalars and strings): where its bytes are in the
        /// buffer handed in, and the line and column (1-based) where it starts.
        case value(Range<Int>, line: Int, column: Int)
        /// Bytes that are no value: the line they start on and what is wrong, e.g. `expected ':' at column 9`.
        case problem(line: Int, text: String)
    }

    /// A value whose lines have not all arrived.
    private struct OpenValue: Sendable {
        var scanner: JSONStructureScanner
        /// Where the value starts in the current buffer, and where its first line ends.
        var start: Int
        var firstLineEnd: Int
        var line: Int
        var column: Int
        var indent: Int
    }

    private var lines = NDJSONSplitter()
    private var open: OpenValue?
    /// Where the next call's lines start, past a kept open value's lines already scanned.
    private var resume = 0
    /// While resynchronising after a bad value: the deepest indentation a new value's line may have.
    private var resyncIndent: Int?

    /// Creates a splitter for a new input.
    public init() {}

    /// Calls `body` with each value and problem complete in `bytes`, in order; with `final` (the input ended)
    /// an unfinished last value is a problem. Returns how many leading bytes the caller may drop: it keeps the
    /// rest and hands it in again, in front of what it reads next.
    public mutating func split(_ bytes: UnsafeRawBufferPointer, final: Bool, _ body: (Piece) -> Void) -> Int {
        var position = resume
        var splitter = lines
        while true {
            var rewind: (offset: Int, line: Int)?
            let consumed = splitter.lines(in: UnsafeRawBufferPointer(rebasing: bytes[position...]), final: final) {
                line, content, number in
                guard let content else { return true }
                let whole = (line.lowerBound + position)..<(line.upperBound + position)
                let text = (content.lowerBound + position)..<(content.upperBound + position)
                rewind = take(whole, content: text, number: number, in: bytes, body)
                return rewind == nil
            }
            if let rewind {
                // Back to the line after the bad value's first line.
                splitter.nextLineNumber = rewind.line
                position = rewind.offset
                continue
            }
            position += consumed
            break
        }
        lines = splitter
        if final, let value = open {
            open = nil
            body(.problem(line: value.line, text: Self.problem(in: bytes, value: value, end: bytes.count)))
            // What follows the bad value's first line may still hold values.
            resyncIndent = value.indent
            lines.nextLineNumber = value.line + 1
            resume = min(value.firstLineEnd + 1, bytes.count)
            return split(bytes, final: true, body)
        }
        if let value = open {
            // Keep the value's bytes; the offsets become relative to its start.
            resume = position - value.start
            open!.firstLineEnd -= value.start
            open!.start = 0
            return value.start
        }
        resume = 0
        return position
    }

    /// Handles one non-blank line; returns where to restart when a bad value sends the splitter back.
    private mutating func take(
        _ line: Range<Int>, content: Range<Int>, number: Int, in bytes: UnsafeRawBufferPointer,
        _ body: (Piece) -> Void
    ) -> (offset: Int, line: Int)? {
        var index = content.lowerBound
        if let maximum = resyncIndent {
            var first = index
            while first < content.upperBound, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            guard bytes[first] == UInt8(ascii: "{"), first - index <= maximum else { return nil }
            resyncIndent = nil
        }
        while true {
            if open == nil {
                while index < content.upperBound,
                    bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D
                {
                    index += 1
                }
                guard index < content.upperBound else { return nil }
                let column = index - content.lowerBound + 1
                open = OpenValue(
                    scanner: JSONStructureScanner(), start: index, firstLineEnd: line.upperBound, line: number,
                    column: column, indent: column - 1)
            }
            switch open!.scanner.scan(bytes, from: index, to: content.upperBound) {
            case .open:
                return nil
            case .complete(let end):
                let value = open!
                open = nil
                body(.value(value.start..<end, line: value.line, column: value.column))
                index = end
            case .invalid(let at):
                let value = open!
                open = nil
                let end = Self.lineEnd(after: at, in: bytes)
                body(.problem(line: value.line, text: Self.problem(in: bytes, value: value, end: end)))
                resyncIndent = value.indent
                return (min(value.firstLineEnd + 1, bytes.count), value.line + 1)
            }
        }
    }

    private static func lineEnd(after index: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var end = index
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return end
    }

    /// The parser's word on the bad value: it names the first thing wrong more precisely than the scanner.
    private static func problem(in bytes: UnsafeRawBufferPointer, value: OpenValue, end: Int) -> String {
        let region = UnsafeRawBufferPointer(rebasing: bytes[value.start..<max(end, value.start)])
        do {
            _ = try JSONParser.parse(region)
            return "unexpected character at column \(value.column)"
        } catch {
            return describe(error, in: region, line: value.line, column: value.column)
        }
    }

    /// `message at column N` for a parse error in a value that starts at `line` and `column`, or
    /// `message (at line L, column N)` when the error lies on a later line of the value.
    public static func describe(
        _ error: JSONParseError, in value: UnsafeRawBufferPointer, line: Int, column: Int
    ) -> String {
        var errorLine = line
        var errorColumn = column
        for index in 0..<min(error.offset, value.count) {
            if value[index] == 0x0A {
                errorLine += 1
                errorColumn = 1
            } else {
                errorColumn += 1
            }
        }
        if errorLine == line { return "\(error.message) at column \(errorColumn)" }
        return "\(error.message) (at line \(errorLine), column \(errorColumn))"
    }
}
