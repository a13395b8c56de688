import GeminiLiveSystem
import GeminiLiveProtocol

/// `--transcript`: the conversation as a dialogue a person can read.
///
/// `user:` lines come from input transcription, `model:` lines from text or output
/// transcription; tool calls, cancellations and interruptions are marked where they happen,
/// and the usage totals close the transcript.
final class TranscriptReport: ReplyReport {
    private let output: ByteWriter
    private var userWords = ""

    init(output: ByteWriter) {
        self.output = output
    }

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError) {
        for event in events {
            switch event {
            case .userWords(let words):
                userWords += words
            case .toolCall(let calls):
                try flushUser()
                for call in calls {
                    let args = call.args.isNull ? "{}" : String(decoding: call.args.compactBytes, as: UTF8.self)
                    try output.write("tool call: \(call.name ?? "?")(\(args)) id=\(call.id ?? "-")\n")
                }
            case .toolCallCancellation(let ids):
                try output.write("tool call cancelled: \(ids.joined(separator: ", "))\n")
            case .code(let code):
                try flushUser()
                try output.write(Self.block("code", code))
            case .codeResult(let result):
                try flushUser()
                try output.write(Self.block("code result", result))
            case .otherPart(let kind):
                try flushUser()
                try output.write("[\(kind) part]\n")
            case .turnEnded(let record):
                try ended(record)
            default:
                break
            }
        }
        try output.flush()
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError) {
        try ended(record)
        try output.flush()
    }

    private func ended(_ record: TurnRecord) throws(ToolError) {
        try flushUser()
        let words = WordsReport.oneLine(record.words)
        if !words.isEmpty || record.interrupted || record.incomplete {
            var lineText = "model: \(words)"
            if record.interrupted { lineText += words.isEmpty ? "[interrupted]" : " [interrupted]" }
            if record.incomplete { lineText += lineText.hasSuffix(" ") ? "[incomplete]" : " [incomplete]" }
            try output.write(lineText + "\n")
        }
    }

    /// `label: first line`, later lines indented under it, so code keeps its lines and the dialogue stays readable.
    static func block(_ label: String, _ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        let indent = String(repeating: " ", count: label.count + 2)
        return "\(label): \(lines[0])\n" + lines.dropFirst().map { indent + $0 + "\n" }.joined()
    }

    func finish(usage: UsageTotals, turns: Int) throws(ToolError) {
        try flushUser()
        try output.write(
            "usage: \(usage.prompt) prompt + \(usage.response) response tokens, \(usage.total) total, over \(turns) turn\(turns == 1 ? "" : "s")\n"
        )
        try output.flush()
    }

    private func flushUser() throws(ToolError) {
        let words = WordsReport.oneLine(userWords)
        userWords = ""
        if !words.isEmpty { try output.write("user: \(words)\n") }
    }
}
