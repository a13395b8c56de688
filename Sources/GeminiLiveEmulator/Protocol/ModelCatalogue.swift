/// The models the emulator serves, with the behaviours the reference records for each.
public struct ModelCatalogue: Sendable {
    /// The models, in `--models` order.
    public var models: [ModelProfile]

    /// Creates a catalogue.
    public init(models: [ModelProfile]) {
        self.models = models
    }

    /// The model named `name` (`models/x`, or a bare id, which is given the prefix).
    public func model(named name: String) -> ModelProfile? {
        let full = Self.fullName(name)
        return models.first { $0.name == full }
    }

    /// `name` with the `models/` prefix the SDKs add.
    public static func fullName(_ name: String) -> String {
        name.hasPrefix("models/") ? name : "models/" + name
    }

    /// The default catalogue: current 3.x and 2.5 native-audio models plus half-cascade models that speak TEXT.
    public static let standard = ModelCatalogue(models: standardModels)

    private static var standardModels: [ModelProfile] {
        var models = baseModels
        for index in models.indices {
            let name = models[index].name
            models[index].rejectsCodeExecution = name.contains("-3.") || name.contains("native-audio")
            let family38 = name.hasPrefix("models/gemini-3.8-live")
            models[index].rejectsThinkingConfig = name == "models/gemini-3.8-live"
            models[index].proactiveAudioAlwaysOn = family38
            models[index].acceptsContextUpdate = family38
        }
        return models
    }

    private static let baseModels: [ModelProfile] = [
        ModelProfile(
            name: "models/gemini-3.8-live", modalities: ["AUDIO"], acceptsMediaChunks: false, multiPartEvents: true,
            voiceActivityEvents: true, summary: "newest stable Live model; AUDIO only"),
        {
            var model = ModelProfile(
                name: "models/gemini-3.8-live-extended-thinking", modalities: ["AUDIO"], acceptsMediaChunks: false,
                multiPartEvents: true, voiceActivityEvents: true,
                summary: "3.8 with background reasoning; thinkingLevel low|medium|high; interactionStatus")
            model.thinkingLevels = ["LOW", "MEDIUM", "HIGH"]
            model.backgroundThinking = true
            return model
        }(),
        {
            var model = ModelProfile(
                name: "models/gemini-3.5-transcribe-live", modalities: ["TEXT"], acceptsMediaChunks: false,
                multiPartEvents: true, textModalityClose: .invalidArgument,
                summary: "live transcription; TEXT only; the reply is the user's speech as text")
            model.transcribesSpeech = true
            return model
        }(),
        ModelProfile(
            name: "models/gemini-3.1-flash-live-preview", modalities: ["AUDIO"], acceptsMediaChunks: false,
            multiPartEvents: true, textModalityClose: .internalErrorEncountered,
            summary: "AUDIO only; TEXT closes with 1011"),
        ModelProfile(
            name: "models/gemini-2.5-flash-native-audio-preview-12-2025", modalities: ["AUDIO"],
            acceptsMediaChunks: true, multiPartEvents: false, summary: "native audio; AUDIO only"),
        ModelProfile(
            name: "models/gemini-2.5-flash-native-audio-latest", modalities: ["AUDIO"], acceptsMediaChunks: true,
            multiPartEvents: false, summary: "alias of the 12-2025 native audio model"),
        ModelProfile(
            name: "models/gemini-2.5-flash-native-audio-preview-09-2025", modalities: ["AUDIO"],
            acceptsMediaChunks: true, multiPartEvents: false, summary: "native audio; AUDIO only"),
        {
            var model = ModelProfile(
                name: "models/gemini-live-2.5-flash-preview", modalities: ["AUDIO", "TEXT"], acceptsMediaChunks: true,
                multiPartEvents: false,
                summary: "half-cascade; TEXT or AUDIO; executableCode before tool calls (retired, kept for tests)")
            model.codeBeforeToolCall = true
            return model
        }(),
        ModelProfile(
            name: "models/gemini-2.0-flash-live-001", modalities: ["AUDIO", "TEXT"], acceptsMediaChunks: true,
            multiPartEvents: false, summary: "half-cascade; TEXT or AUDIO (retired by Google, kept for tests)"),
        ModelProfile(
            name: "models/gemini-2.0-flash-exp", modalities: ["AUDIO", "TEXT"], acceptsMediaChunks: true,
            multiPartEvents: false, summary: "launch model, v1alpha era; TEXT or AUDIO"),
    ]
}
