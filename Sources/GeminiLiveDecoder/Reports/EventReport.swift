import GeminiLiveSystem
import GeminiLiveProtocol

/// `--events`: one compact line per server message, for watching a live session.
final class EventReport: ReplyReport {
    private let output: ByteWriter
    private var turn = 1

    init(output: ByteWriter) {
        self.output = output
    }

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError) {
        var fields = ["line \(line)", "turn \(turn)", message.kind.map { $0.fieldName } ?? "(empty)"]
        var audioBytes = 0
        var words = 0
        for event in events {
            switch event {
            case .audio(_, let byteCount, _): audioBytes += byteCount
            case .words(let text): words += text.count
            case .userWords(let text): fields.append("user \(text.count) chars")
            case .toolCall(let calls): fields.append("calls " + calls.map { $0.name ?? "?" }.joined(separator: ","))
            case .toolCallCancellation(let ids): fields.append("cancels \(ids.count)")
            case .code(let code): fields.append("code \(code.count) chars")
            case .codeResult(let result): fields.append("code result \(result.count) chars")
            case .otherPart(let kind): fields.append("part \(kind)")
            case .turnContinues: fields.append("turnComplete, turn goes on")
            case .turnEnded(let record):
                fields.append(record.interrupted ? "turn interrupted" : "turn complete")
                turn = record.index + 1
            }
        }
        if audioBytes > 0 { fields.append("audio \(audioBytes) B") }
        if words > 0 { fields.append("text \(words) chars") }
        if let content = message.serverContent {
            if content.generationComplete == true { fields.append("generationComplete") }
            if content.interrupted == true { fields.append("interrupted") }
            if content.waitingForInput == true { fields.append("waitingForInput") }
            if let status = content.interactionStatus { fields.append("status \(status)") }
        }
        if case .goAway(let goAway)? = message.kind { fields.append("timeLeft \(goAway.timeLeft ?? "?")") }
        if case .sessionResumptionUpdate(let update)? = message.kind {
            fields.append(update.resumable == true ? "resumable" : "not resumable")
        }
        if let usage = message.usageMetadata { fields.append("tokens \(usage.totalTokenCount ?? 0)") }
        try output.write(fields.joined(separator: "  ") + "\n")
        try output.flush()
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError) {
        let waiting = record.interactionStatus.map { "interactionStatus IDLE (still \($0))" } ?? "turnComplete"
        try output.write("line \(line)  turn \(record.index)  incomplete: input ended before \(waiting)\n")
        try output.flush()
    }

    func finish(usage: UsageTotals, turns: Int) throws(ToolError) { try output.flush() }
}
