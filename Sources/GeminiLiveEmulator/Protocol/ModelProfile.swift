/// What one emulated model allows and how it shapes its output.
public struct ModelProfile: Sendable, Equatable {
    /// The full name, `models/{id}`.
    public var name: String
    /// Response modalities the model accepts (`AUDIO`, `TEXT`).
    public var modalities: Set<String>
    /// Whether the deprecated `realtimeInput.mediaChunks` is accepted (2.x) or closes with 1007 (3.x).
    public var acceptsMediaChunks: Bool
    /// Whether one event may carry several parts and a transcription at once (3.x).
    public var multiPartEvents: Bool
    /// Whether the server reports `voiceActivity` start and end events (gemini-3.8-live).
    public var voiceActivityEvents: Bool
    /// The close sent when TEXT responses are asked of an audio-only model.
    public var textModalityClose: CloseReason
    /// One line for `--models`.
    public var summary: String

    /// Creates a model profile.
    public init(
        name: String, modalities: Set<String>, acceptsMediaChunks: Bool, multiPartEvents: Bool,
        voiceActivityEvents: Bool = false, textModalityClose: CloseReason = .nonAudioRequest, summary: String
    ) {
        self.voiceActivityEvents = voiceActivityEvents
        self.name = name
        self.modalities = modalities
        self.acceptsMediaChunks = acceptsMediaChunks
        self.multiPartEvents = multiPartEvents
        self.textModalityClose = textModalityClose
        self.summary = summary
    }

    /// The line `--models` prints: name, modalities, media chunks, events, summary.
    public var catalogueLine: String {
        let modes = modalities.sorted().joined(separator: ",")
        let chunks = acceptsMediaChunks ? "mediaChunks" : "no-mediaChunks"
        let events = multiPartEvents ? "multi-part" : "one-part"
        return "\(name)\t\(modes)\t\(chunks)\t\(events)\t\(summary)"
    }
}
