/// How inputs become messages; one value per `gemini-live-encode` run.
public struct EncoderOptions: Sendable {
    /// Audio per `realtimeInput.audio` message, in milliseconds.
    public var chunkMilliseconds = 100
    /// The rate audio is converted to; the service's native input rate.
    public var sampleRate = 16_000
    /// Bracket each audio input with `activityStart`/`activityEnd` (automatic VAD off).
    public var wrapInActivity = false
    /// When to send `audioStreamEnd`: the mark that no more audio follows, so the service answers the last
    /// words at once instead of waiting for silence that a file (or a finished stream) never sends.
    public var audioStreamEnd = AudioStreamEnd.afterLastAudio
    /// Silence appended to each audio input so server-side VAD sees the speech end.
    public var trailingSilenceMilliseconds = 0
    /// nil = as fast as possible; otherwise media seconds per wall-clock second (1 = real time).
    public var speed: Double?
    /// Write the deprecated `realtime_input.media_chunks` shape.
    public var legacy = false
    /// Most video frames per second to keep from an MJPEG stream; 0 keeps all.
    public var framesPerSecond: Double = 1
    /// The MJPEG stream's own frame rate, when known; thinning then counts frames instead of watching the clock.
    public var sourceFramesPerSecond: Double?
    /// `turnComplete` on `clientContent` text turns.
    public var turnComplete = true
    /// Send text as `realtimeInput.text` instead of a `clientContent` turn.
    public var realtimeText = false

    /// Options with every default.
    public init() {}

    /// Samples in one audio message.
    public var samplesPerChunk: Int { max(1, sampleRate * chunkMilliseconds / 1000) }

    /// The MIME type of the audio messages.
    public var audioMimeType: String { legacy ? "audio/pcm" : "audio/pcm;rate=\(sampleRate)" }
}
