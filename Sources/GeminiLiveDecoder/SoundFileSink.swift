import GeminiLiveMedia

/// All model audio of a stream in one sound file (WAV, FLAC, Ogg Vorbis or Opus by extension).
///
/// The file is opened at the first audio, at that audio's rate (or `--resample`); later audio at
/// another rate is converted so the file stays one continuous recording.
final class SoundFileSink: AudioSink {
    private let path: String
    private let container: AudioContainer
    private let fixedRate: Int?
    private var writer: SoundFileWriter?
    private var converter: PCMRateConverter?

    init(path: String, rate: Int?) throws(DecodeError) {
        guard let container = AudioContainer(pathExtension: Self.pathExtension(path)) else {
            throw DecodeError(
                kind: .usage, description: "\(path): unknown audio file type; use .wav, .flac, .ogg or .opus")
        }
        self.path = path
        self.container = container
        fixedRate = rate
    }

    func write(_ pcm: [UInt8], rate: Int) throws {
        if writer == nil {
            let fileRate = fixedRate ?? rate
            writer = try SoundFileWriter(path: path, sampleRate: fileRate, channels: 1, container: container)
            converter = PCMRateConverter(outputRate: fileRate)
        }
        try converter!.convert(pcm, rate: rate) { samples in try writer!.write(samples) }
    }

    func commit() throws { try writer?.commit() }

    func endTurn(_ record: TurnRecord) throws { try commit() }

    func finish() throws {
        if let writer, let converter {
            try converter.flush { samples in try writer.write(samples) }
            try writer.close()
        }
        writer = nil
    }

    static func pathExtension(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return String(path[path.index(after: dot)...])
    }
}
