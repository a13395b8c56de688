import GeminiLiveSystem
import GeminiLiveProtocol

/// Model audio as raw s16le on a descriptor (stdout), as it arrives, for `aplay`/`ffplay`.
///
/// Players buffer bursty replies; `--flush-silence` adds silence at each turn end so the last
/// words are pushed out of the player's buffer instead of waiting for the next turn.
final class RawAudioSink: AudioSink {
    private let output: ByteWriter
    private let converter: PCMRateConverter
    private let flushSilenceMilliseconds: Int

    init(output: ByteWriter, rate: Int, flushSilenceMilliseconds: Int) {
        self.output = output
        converter = PCMRateConverter(outputRate: rate)
        self.flushSilenceMilliseconds = flushSilenceMilliseconds
    }

    func write(_ pcm: UnsafeRawBufferPointer, rate: Int) throws(ToolError) {
        try converter.convert(pcm, rate: rate) { samples throws(ToolError) in
            try output.write(UnsafeRawBufferPointer(samples))
        }
    }

    func commit(waiting: Bool) throws(ToolError) { try output.flush() }

    func endTurn(_ record: TurnRecord) throws(ToolError) {
        try converter.flush { samples throws(ToolError) in try output.write(UnsafeRawBufferPointer(samples)) }
        if flushSilenceMilliseconds > 0 {
            try output.write([UInt8](repeating: 0, count: converter.outputRate * flushSilenceMilliseconds / 1000 * 2))
        }
        try output.flush()
    }

    func finish() throws(ToolError) {
        try converter.flush { samples throws(ToolError) in try output.write(UnsafeRawBufferPointer(samples)) }
        try output.flush()
    }
}
