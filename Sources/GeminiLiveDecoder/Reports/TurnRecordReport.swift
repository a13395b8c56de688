import GeminiLiveProtocol

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
