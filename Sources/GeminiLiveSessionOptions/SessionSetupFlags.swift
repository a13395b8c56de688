import ArgumentParser
import GeminiLiveSession

/// The flags that make up the session's setup, shared by every tool that opens a session.
public struct SessionSetupFlags: ParsableArguments {
    @Option(
        help: "Model id; 'models/' is added when missing (default: $GEMINI_LIVE_MODEL, else models/gemini-3.8-live).")
    var model: String?

    @Option(
        help:
            "Response modality. Native-audio models (the default) answer in audio only: for their words as text use --transcribe output."
    )
    var modality: SetupOptions.Modality?

    @Option(help: "Prebuilt voice name, e.g. Puck, Kore, Aoede (case-sensitive).")
    var voice: String?

    @Option(help: "Speech language as a BCP-47 code, e.g. en-US.")
    var language: String?

    @Option(help: "System instruction text, or @FILE to read it from a file.")
    var system: String?

    @Option(help: "Sampling temperature.")
    var temperature: Double?

    @Option(help: "JSON file with function declarations (a list of declarations, or tool objects).")
    var tools: String?

    @Flag(name: .customLong("google-search"), help: "Let the model use Google Search.")
    var googleSearch = false

    @Option(help: "Turn on transcription of the user's speech, the model's, or both.")
    var transcribe: SetupOptions.Transcription?

    @Option(
        name: .customLong("transcription-language"),
        help: "A BCP-47 code the transcriptions should expect, e.g. fr-FR (repeatable; needs --transcribe).")
    var transcriptionLanguages: [String] = []

    @Option(
        name: .customLong("thinking-level"),
        help: "How much the model reasons before answering (gemini-3.8-live-extended-thinking: low, medium, high).")
    var thinkingLevel: SetupOptions.ThinkingLevel?

    @Option(
        help:
            "Server-side voice activity detection: off (send activityStart/activityEnd yourself, e.g. the encoder's --activity) or default."
    )
    var vad: SetupOptions.VAD?

    @Option(name: .customLong("start-sensitivity"), help: "Start-of-speech sensitivity.")
    var startSensitivity: SetupOptions.Sensitivity?

    @Option(name: .customLong("end-sensitivity"), help: "End-of-speech sensitivity.")
    var endSensitivity: SetupOptions.Sensitivity?

    @Option(name: .customLong("silence-ms"), help: "Silence that ends speech, in milliseconds.")
    var silenceMs: Int?

    @Option(
        name: .customLong("prefix-padding-ms"),
        help: "Speech needed before start of speech is committed, in milliseconds.")
    var prefixPaddingMs: Int?

    @Flag(name: .customLong("no-interruption"), help: "User speech does not interrupt the model (NO_INTERRUPTION).")
    var noInterruption = false

    @Flag(help: "Sliding-window context compression, triggered at the service's default token count.")
    var compression = false

    @Option(
        name: .customLong("compression-tokens"),
        help: "Sliding-window context compression, triggered at this many tokens (implies --compression).")
    var compressionTokens: Int?

    @Option(help: "Resume the session this resumption handle belongs to.")
    var resume: String?

    @Option(help: "A JSON file holding the whole setup ({\"setup\":{...}} or the object); flags override its fields.")
    var setup: String?

    @Flag(
        name: .customLong("no-resumption"),
        help: "Do not ask for resumption handles; a lost connection then ends the session.")
    var noResumption = false

    /// Creates the option group; ArgumentParser fills it in.
    public init() {}

    public func validate() throws {
        if let compressionTokens, compressionTokens < 1 {
            throw ValidationError("--compression-tokens must be 1 or more.")
        }
        if let silenceMs, silenceMs < 0 { throw ValidationError("--silence-ms must be 0 or more.") }
        if let prefixPaddingMs, prefixPaddingMs < 0 { throw ValidationError("--prefix-padding-ms must be 0 or more.") }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be 0 to 2.") }
        if !transcriptionLanguages.isEmpty && transcribe == nil {
            throw ValidationError("--transcription-language needs --transcribe input, output or both.")
        }
        if transcriptionLanguages.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw ValidationError("--transcription-language takes one BCP-47 code, e.g. fr-FR.")
        }
        if noResumption, resume != nil { throw ValidationError("--resume needs resumption; drop --no-resumption.") }
    }

    /// The flags as the library's request; files and the environment are read when it is resolved.
    public func apply(to request: inout SessionRequest) {
        var options = SetupOptions()
        options.model = model
        options.modality = modality
        options.voice = voice
        options.language = language
        options.temperature = temperature
        options.googleSearch = googleSearch
        options.transcribeInput = transcribe?.includesInput ?? false
        options.transcribeOutput = transcribe?.includesOutput ?? false
        options.transcriptionLanguages = transcriptionLanguages
        options.thinkingLevel = thinkingLevel
        options.vad = vad
        options.startSensitivity = startSensitivity
        options.endSensitivity = endSensitivity
        options.silenceMilliseconds = silenceMs
        options.prefixPaddingMilliseconds = prefixPaddingMs
        options.noInterruption = noInterruption
        if compression || compressionTokens != nil { options.compression = .some(compressionTokens) }
        request.options = options
        request.system = system
        request.toolsFile = tools
        request.setupFile = setup
        request.resumeHandle = resume
        request.resumption = !noResumption
    }
}
