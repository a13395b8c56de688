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
    /// The `thinkingConfig.thinkingLevel` values accepted (upper case; any case is accepted on the wire), or nil
    /// when the model takes thinking configs without checking them. A model with a set refuses any other value
    /// and any thinking member but `thinkingLevel` and `includeThoughts` (gemini-3.8-live-extended-thinking).
    public var thinkingLevels: Set<String>?
    /// Whether the model reasons in the background (gemini-3.8-live-extended-thinking): it first says a short
    /// filler and completes that turn with `interactionStatus: IN_PROGRESS`, thinks, then answers in a turn that
    /// ends with `IDLE`. Only `IDLE` means the whole task is done.
    public var backgroundThinking: Bool = false
    /// Whether the model only transcribes (gemini-3.5-transcribe-live): its reply is the user's speech as text.
    public var transcribesSpeech: Bool = false
    /// Whether an `executableCode` part precedes each `toolCall` (half-cascade `gemini-live-2.5-flash-preview`).
    public var codeBeforeToolCall: Bool = false
    /// Whether `contextUpdate` is accepted (the 3.8 family); elsewhere it closes with 1007.
    public var acceptsContextUpdate: Bool = false
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
        let thinking = setup.generationConfig?.unknownFields.first { Self.named($0.key, "thinkingConfig") }?.value
        if rejectsThinkingConfig, thinking != nil {
            return .invalidArgument
        }
        if let thinkingLevels, let thinking, !Self.thinking(thinking, allows: thinkingLevels) {
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

    /// Whether a thinking config holds only a level from `levels` (any case) and `includeThoughts`.
    private static func thinking(_ config: JSONValue, allows levels: Set<String>) -> Bool {
        guard case .object(let members) = config else { return false }
        for (key, value) in members {
            if named(key, "thinkingLevel") {
                guard let level = value.stringValue, levels.contains(level.uppercased()) else { return false }
            } else if !named(key, "includeThoughts") {
                return false
            }
        }
        return true
    }

    private static func named(_ key: String, _ camelName: String) -> Bool {
        key == camelName || FieldSchema.camelCase(key) == camelName
    }
}
