import GeminiLiveSystem
import GeminiLiveProtocol

/// `--json`: one record per turn (index, text, transcripts, audio seconds, interrupted, usage).
final class TurnRecordReport: ReplyReport {
    private let output: ByteWriter
    private let includeThoughts: Bool

    init(output: ByteWriter, includeThoughts: Bool) {
        self.output = output
        self.includeThoughts = includeThoughts
    }

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError) {
        for case .turnEnded(let record) in events { try write(record) }
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError) { try write(record) }

    private func write(_ record: TurnRecord) throws(ToolError) {
        var bytes = record.json(includingThoughts: includeThoughts).compactBytes
        bytes.append(UInt8(ascii: "\n"))
        try output.write(bytes)
        try output.flush()
    }

    func finish(usage: UsageTotals, turns: Int) throws(ToolError) { try output.flush() }
}
