import CSndfile

/// Output file types `SoundFileWriter` produces.
public enum AudioContainer: String, Sendable, CaseIterable {
    /// RIFF WAVE, 16-bit PCM.
    case wav
    /// FLAC, 16-bit.
    case flac
    /// Ogg Vorbis.
    case ogg
    /// Ogg Opus (libsndfile accepts 8, 12, 16, 24 and 48 kHz only).
    case opus

    /// The container for a file extension (`wav`, `.flac`, `OGG`, ...), or nil.
    public init?(pathExtension: String) {
        var lowered = pathExtension.lowercased()
        if lowered.hasPrefix(".") { lowered.removeFirst() }
        switch lowered {
        case "wav", "wave": self = .wav
        case "flac": self = .flac
        case "ogg", "oga": self = .ogg
        case "opus": self = .opus
        default: return nil
        }
    }

    /// The container for a path's extension, or nil.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(pathExtension: String(name[name.index(after: dot)...]))
    }

    /// The libsndfile format code.
    var soundFileFormat: Int32 {
        switch self {
        case .wav: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .ogg: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        case .opus: Int32(SF_FORMAT_OGG | SF_FORMAT_OPUS)
        }
    }
}
