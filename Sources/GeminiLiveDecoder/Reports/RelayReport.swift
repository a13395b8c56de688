import GeminiLiveProtocol
import GeminiLiveSystem

/// `--relay`: the reply as the seed tutorial's relay sends it to its browser page, one JSON line per piece.
///
/// `{"text":"..."}` for each piece of the model's words as it arrives (the same pieces `--text --stream`
/// prints: text parts, or output transcription when the turn has none) and `{"audio":"<base64>"}` for each
/// chunk of model audio (s16le mono at the reply's rate, or the `--resample` rate), each line flushed at once.
/// It is both an audio sink, which gets the audio bytes, and a report, which gets the words; the decoder
/// hands a message's audio to the sinks before its words to the reports, so a message's lines keep that order.
final class RelayReport: ReplyReport, AudioSink {
    private let output: ByteWriter
    private let converter: PCMRateConverter
    /// One line being built, kept to reuse its storage.
    private var line: [UInt8] = []

    init(output: ByteWriter, rate: Int) {
        self.output = output
        converter = PCMRateConverter(outputRate: rate)
    }

    // MARK: AudioSink

    func write(_ pcm: UnsafeRawBufferPointer, rate: Int) throws(ToolError) {
        try converter.convert(pcm, rate: rate) { samples throws(ToolError) in
            try audioLine(UnsafeRawBufferPointer(samples))
        }
    }

    func commit(waiting: Bool) throws(ToolError) { try output.flush() }

    func endTurn(_ record: TurnRecord) throws(ToolError) {
        try converter.flush { samples throws(ToolError) in try audioLine(UnsafeRawBufferPointer(samples)) }
    }

    func finish() throws(ToolError) {
        try converter.flush { samples throws(ToolError) in try audioLine(UnsafeRawBufferPointer(samples)) }
        try output.flush()
    }

    // MARK: ReplyReport

    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError) {
        for case .words(let words) in events where !words.isEmpty { try textLine(words) }
    }

    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError) {}

    func finish(usage: UsageTotals, turns: Int) throws(ToolError) { try output.flush() }

    // MARK: Lines

    private func audioLine(_ pcm: UnsafeRawBufferPointer) throws(ToolError) {
        guard !pcm.isEmpty else { return }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: #"{"audio":""#.utf8)
        Base64.encode(pcm, into: &line)
        line.append(contentsOf: "\"}\n".utf8)
        try emit()
    }

    private func textLine(_ text: String) throws(ToolError) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: #"{"text":"#.utf8)
        JSONWriter.appendString(text, to: &line)
        line.append(contentsOf: "}\n".utf8)
        try emit()
    }

    private func emit() throws(ToolError) {
        try output.write(line)
        try output.flush()
    }
}
