import GeminiLiveMedia
import GeminiLiveSystem

/// One thing to turn into client messages, in the order the user gave it.
public enum EncoderInput: Equatable, Sendable {
    /// An audio file any format libsndfile reads; `-` is stdin.
    case audioFile(path: String)
    /// Headerless PCM with its layout given on the command line; `-` is stdin.
    case rawAudio(path: String, format: RawAudioLayout)
    /// A single JPEG or PNG picture.
    case image(path: String)
    /// A motion-JPEG byte stream (`ffmpeg -f mjpeg -`); `-` is stdin.
    case mjpeg(path: String)
    /// Literal text from the command line.
    case text(String)
    /// A UTF-8 text file whose content is one user turn; `-` is stdin.
    case textFile(path: String)
    /// A `contextUpdate`: a new system instruction (text, or `@FILE`) and/or the tools in a JSON file.
    case contextUpdate(system: String?, toolsPath: String?)

    /// Whether the input is sent as audio.
    public var isAudio: Bool {
        switch self {
        case .audioFile, .rawAudio: true
        default: false
        }
    }

    /// The name diagnostics use for this input.
    public var sourceName: String {
        switch self {
        case .audioFile(let path), .rawAudio(let path, _), .image(let path), .mjpeg(let path),
            .textFile(let path):
            displayName(of: path)
        case .text: "--text"
        case .contextUpdate(_, let toolsPath?): displayName(of: toolsPath)
        case .contextUpdate: "--system"
        }
    }
}

/// Sample layout of headerless PCM (`--raw --rate R --channels C --format F`).
public struct RawAudioLayout: Equatable, Sendable {
    /// Frames per second.
    public var sampleRate: Int
    /// Interleaved channels per frame.
    public var channels: Int
    /// Sample encoding.
    public var encoding: RawPCMEncoding

    /// Creates a layout.
    public init(sampleRate: Int, channels: Int, encoding: RawPCMEncoding) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.encoding = encoding
    }
}
