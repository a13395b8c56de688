import GeminiLiveSystem
import GeminiLiveProtocol

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

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError) {
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

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError) { try ended(record) }

    private func ended(_ record: TurnRecord) throws(ToolError) {
        if streaming {
            if openLine { try output.write("\n") }
        } else {
            try output.write(Self.oneLine(record.words(includingThoughts: includeThoughts)) + "\n")
        }
        openLine = false
        try output.flush()
    }

    func finish(usage: UsageTotals, turns: Int) throws(ToolError) {
        if openLine { try output.write("\n") }
        try output.flush()
    }

    /// Line breaks become spaces so each turn is one line; `--json` keeps the exact text.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }).trimmingWhitespace()
    }
}
