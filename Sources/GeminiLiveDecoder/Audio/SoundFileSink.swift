#if canImport(Glibc)
    import Glibc
#endif
import GeminiLiveMedia
import GeminiLiveSystem

/// All model audio of a stream in one sound file (WAV, FLAC, Ogg Vorbis or Opus by extension).
///
/// The file is created at once (at `--resample` or 24 kHz), so a bad path fails before any input is
/// read and a stream without audio still leaves a valid, empty file. The first audio's rate wins when
/// no rate was asked for: the still-empty file is then recreated at that rate. Later audio at another
/// rate is converted, so the file stays one continuous recording.
final class SoundFileSink: AudioSink {
    private let path: String
    private let container: AudioContainer
    private let fixedRate: Int?
    private var writer: SoundFileWriter
    private var converter: PCMRateConverter
    private var hasAudio = false

    init(path: String, rate: Int?) throws(ToolError) {
        guard let container = AudioContainer(pathExtension: Self.pathExtension(path)) else {
            throw ToolError(
                category: .usage, description: "\(path): unknown audio file type; use .wav, .flac, .ogg or .opus")
        }
        self.path = path
        self.container = container
        fixedRate = rate
        let initialRate = rate ?? TurnAssembler.defaultRate
        writer = try Self.create(path: path, rate: initialRate, asked: rate != nil, container: container)
        converter = PCMRateConverter(outputRate: initialRate)
    }

    func write(_ pcm: UnsafeRawBufferPointer, rate: Int) throws(ToolError) {
        if !hasAudio && fixedRate == nil && rate != converter.outputRate {
            try Self.categorised { () throws(MediaError) in try writer.close() }
            writer = try Self.create(path: path, rate: rate, asked: false, container: container)
            converter = PCMRateConverter(outputRate: rate)
        }
        hasAudio = true
        try converter.convert(pcm, rate: rate) { samples throws(ToolError) in
            try Self.categorised { () throws(MediaError) in try writer.write(samples) }
        }
    }

    func commit(waiting: Bool) throws(ToolError) {
        try Self.categorised { () throws(MediaError) in try writer.commit(waiting: waiting) }
    }

    func endTurn(_ record: TurnRecord) throws(ToolError) { try commit(waiting: false) }

    func finish() throws(ToolError) {
        try converter.flush { samples throws(ToolError) in
            try Self.categorised { () throws(MediaError) in try writer.write(samples) }
        }
        try Self.categorised { () throws(MediaError) in try writer.close() }
    }

    /// A media failure as the decoder's error, with its category and text.
    private static func categorised(_ body: () throws(MediaError) -> Void) throws(ToolError) {
        do { try body() } catch { throw ToolError(error) }
    }

    func discardIfEmpty() -> String? {
        guard !hasAudio, path != "-", unlink(path) == 0 else { return nil }
        return path
    }

    /// `asked` says the rate is `--resample`'s rather than the reply's, which decides what the user can change.
    private static func create(path: String, rate: Int, asked: Bool, container: AudioContainer) throws(ToolError)
        -> SoundFileWriter
    {
        do {
            return try SoundFileWriter(path: path, sampleRate: rate, channels: 1, container: container)
        } catch {
            guard case .invalidArgument = error else {
                throw ToolError(category: .cannotCreate, description: error.description)
            }
            guard container == .opus else { throw ToolError(category: .usage, description: error.description) }
            let hint =
                asked
                ? " (--resample \(rate)): give --resample 24000 or 48000 instead"
                : " (the reply's own rate): add --resample 24000 or 48000"
            throw ToolError(category: .usage, description: error.description + hint)
        }
    }

    static func pathExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return String(path[path.index(after: dot)...])
    }
}
