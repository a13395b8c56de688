import GeminiLiveProtocol

/// Setup fields given as flags; `apply(to:)` lays them over a base setup (from a file, stdin or defaults).
public struct SetupOptions: Sendable {
    /// The newest stable Live model.
    public static let defaultModel = "models/gemini-3.8-live"

    /// Response modality.
    public enum Modality: String, Sendable, CaseIterable {
        case audio, text
    }

    /// Server-side voice activity detection.
    public enum VAD: String, Sendable, CaseIterable {
        case off, `default`
    }

    /// VAD sensitivity.
    public enum Sensitivity: String, Sendable, CaseIterable {
        case high, low
    }

    /// How much the model reasons before it answers (`thinkingConfig.thinkingLevel`): the extended-thinking
    /// model takes low, medium or high; gemini-3.1 also minimal.
    public enum ThinkingLevel: String, Sendable, CaseIterable {
        case minimal, low, medium, high
    }

    /// Model id; `models/` is prefixed when it has no slash.
    public var model: String?
    public var modality: Modality?
    public var voice: String?
    public var language: String?
    public var systemInstruction: String?
    public var temperature: Double?
    /// Tool entries, e.g. `{functionDeclarations: [...]}`, appended to the setup's tools.
    public var tools: [JSONValue] = []
    public var googleSearch = false
    public var transcribeInput = false
    public var transcribeOutput = false
    /// BCP-47 codes the transcriptions expect (`languageCodes` in each transcription config that is on).
    public var transcriptionLanguages: [String] = []
    public var thinkingLevel: ThinkingLevel?
    public var vad: VAD?
    public var startSensitivity: Sensitivity?
    public var endSensitivity: Sensitivity?
    public var silenceMilliseconds: Int?
    public var prefixPaddingMilliseconds: Int?
    public var noInterruption = false
    /// Context compression: `.some(nil)` for the service's default trigger, `.some(n)` for n tokens.
    public var compression: Int??

    /// Creates empty options.
    public init() {}

    /// `name` with `models/` in front unless it already names a resource path.
    public static func qualifiedModel(_ name: String) -> String {
        name.contains("/") ? name : "models/" + name
    }

    /// `base` with every given flag applied.
    public func apply(to base: Setup) -> Setup {
        var setup = base
        if let model { setup.model = Self.qualifiedModel(model) }
        if modality != nil || voice != nil || language != nil || temperature != nil || thinkingLevel != nil {
            var config = setup.generationConfig ?? GenerationConfig()
            if let modality { config.responseModalities = [modality.rawValue.uppercased()] }
            if let temperature { config.temperature = temperature }
            if let thinkingLevel {
                var thinking = config.unknownFields["thinkingConfig"]?.objectValue ?? [:]
                thinking["thinkingLevel"] = .string(thinkingLevel.rawValue.uppercased())
                config.unknownFields["thinkingConfig"] = .object(thinking)
            }
            if voice != nil || language != nil {
                var speech = config.speechConfig ?? SpeechConfig()
                if let voice { speech.voiceName = voice }
                if let language { speech.languageCode = language }
                config.speechConfig = speech
            }
            setup.generationConfig = config
        }
        if let systemInstruction {
            setup.systemInstruction = Content(parts: [Part(text: systemInstruction)])
        }
        if !tools.isEmpty || googleSearch {
            var list = setup.tools ?? []
            list += tools
            if googleSearch { list.append(["googleSearch": [:]]) }
            setup.tools = list
        }
        if transcribeInput, setup.inputAudioTranscription == nil { setup.inputAudioTranscription = [:] }
        if transcribeOutput, setup.outputAudioTranscription == nil { setup.outputAudioTranscription = [:] }
        if !transcriptionLanguages.isEmpty {
            let codes = JSONValue.array(transcriptionLanguages.map(JSONValue.string))
            if setup.inputAudioTranscription != nil { setup.inputAudioTranscription?["languageCodes"] = codes }
            if setup.outputAudioTranscription != nil { setup.outputAudioTranscription?["languageCodes"] = codes }
        }
        setup.realtimeInputConfig = realtimeInputConfig(over: setup.realtimeInputConfig)
        if let compression {
            var config = setup.contextWindowCompression ?? ContextWindowCompression()
            if let tokens = compression { config.triggerTokens = tokens }
            if config.slidingWindow == nil { config.slidingWindow = SlidingWindow() }
            setup.contextWindowCompression = config
        }
        return setup
    }

    private func realtimeInputConfig(over base: RealtimeInputConfig?) -> RealtimeInputConfig? {
        let touchesVAD =
            vad != nil || startSensitivity != nil || endSensitivity != nil || silenceMilliseconds != nil
            || prefixPaddingMilliseconds != nil
        guard touchesVAD || noInterruption else { return base }
        var config = base ?? RealtimeInputConfig()
        if touchesVAD {
            var detection = config.automaticActivityDetection ?? AutomaticActivityDetection()
            if let vad { detection.disabled = vad == .off ? true : nil }
            if let startSensitivity {
                detection.startOfSpeechSensitivity = "START_SENSITIVITY_" + startSensitivity.rawValue.uppercased()
            }
            if let endSensitivity {
                detection.endOfSpeechSensitivity = "END_SENSITIVITY_" + endSensitivity.rawValue.uppercased()
            }
            if let silenceMilliseconds { detection.silenceDurationMs = silenceMilliseconds }
            if let prefixPaddingMilliseconds { detection.prefixPaddingMs = prefixPaddingMilliseconds }
            config.automaticActivityDetection = detection
        }
        if noInterruption { config.activityHandling = "NO_INTERRUPTION" }
        return config
    }
}
