import GeminiLiveProtocol

/// A text output that follows the stream: words, transcript, events or per-turn JSON.
protocol ReplyReport: AnyObject {
    /// One decoded message, its input line, and what the assembler made of it.
    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws
    /// The input ended mid-turn, after `line`: `record` is the unfinished turn (`incomplete`).
    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws
    /// The stream ended.
    func finish(usage: UsageTotals, turns: Int) throws
}

/// `--text`: the model's words, one line per turn (newlines folded), or streamed with `--stream`.
final class WordsReport: ReplyReport {
    private let output: ByteWriter
    private let streaming: Bool
    private let includeThoughts: Bool
    private var openLine = false

    init(output: ByteWriter, streaming: Bool, includeThoughts: Bool) {
        self.output = output
        self.streaming = streaming
        self.includeThoughts = includeThoughts
    }

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws {
        for event in events {
            switch event {
            case .words(let words) where streaming:
                try output.write(words)
                try output.flush()
                openLine = true
            case .turnEnded(let record):
                try ended(record)
            default:
                break
            }
        }
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws { try ended(record) }

    private func ended(_ record: TurnRecord) throws {
        if streaming {
            if openLine { try output.write("\n") }
        } else {
            try output.write(Self.oneLine(record.words(includingThoughts: includeThoughts)) + "\n")
        }
        openLine = false
        try output.flush()
    }

    func finish(usage: UsageTotals, turns: Int) throws {
        if openLine { try output.write("\n") }
        try output.flush()
    }

    /// Line breaks become spaces so each turn is one line; `--json` keeps the exact text.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }).trimmingWhitespace()
    }
}

/// `--json`: one record per turn (index, text, transcripts, audio seconds, interrupted, usage).
final class TurnRecordReport: ReplyReport {
    private let output: ByteWriter
    private let includeThoughts: Bool

    init(output: ByteWriter, includeThoughts: Bool) {
        self.output = output
        self.includeThoughts = includeThoughts
    }

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws {
        for case .turnEnded(let record) in events { try write(record) }
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws { try write(record) }

    private func write(_ record: TurnRecord) throws {
        var bytes = record.json(includingThoughts: includeThoughts).compactBytes
        bytes.append(UInt8(ascii: "\n"))
        try bytes.withUnsafeBytes { try output.write($0) }
        try output.flush()
    }

    func finish(usage: UsageTotals, turns: Int) throws { try output.flush() }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
