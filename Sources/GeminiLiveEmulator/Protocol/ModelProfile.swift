import GeminiLiveProtocol

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
    /// Whether any `generationConfig.thinkingConfig` is refused (gemini-3.8-live has no thinking config).
    public var rejectsThinkingConfig: Bool = false
    /// Whether proactive audio is always on, so `proactivity.proactiveAudio: false` is refused (gemini-3.8-live).
    public var proactiveAudioAlwaysOn: Bool = false
    /// Whether the `codeExecution` tool is refused (2.5 native audio and 3.x).
    public var rejectsCodeExecution: Bool = false
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

    /// The close the service sends for a setup this model does not support, or nil to accept it.
    ///
    /// The reference records these refusals but not their reason texts; the service's generic
    /// INVALID_ARGUMENT text is used.
    public func refusal(of setup: Setup) -> CloseReason? {
        if rejectsThinkingConfig,
            setup.generationConfig?.unknownFields.contains(where: { Self.named($0.key, "thinkingConfig") }) == true
        {
            return .invalidArgument
        }
        if proactiveAudioAlwaysOn,
            setup.proactivity?["proactiveAudio"]?.boolValue == false
                || setup.proactivity?["proactive_audio"]?.boolValue == false
        {
            return .invalidArgument
        }
        if rejectsCodeExecution,
            setup.tools?.contains(where: { tool in
                tool.objectValue?.contains { Self.named($0.key, "codeExecution") } == true
            })
                == true
        {
            return .invalidArgument
        }
        return nil
    }

    private static func named(_ key: String, _ camelName: String) -> Bool {
        key == camelName || FieldSchema.camelCase(key) == camelName
    }
}
