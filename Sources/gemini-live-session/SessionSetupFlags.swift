import ArgumentParser
import GeminiLiveProtocol
import GeminiLiveSession

#if canImport(Glibc)
    import Glibc
#endif

extension SetupOptions.Modality: ExpressibleByArgument {}
extension SetupOptions.VAD: ExpressibleByArgument {}
extension SetupOptions.Sensitivity: ExpressibleByArgument {}

/// The flags that make up the session's setup.
struct SessionSetupFlags: ParsableArguments {
    @Option(
        help: "Model id; 'models/' is added when missing (default: $GEMINI_LIVE_MODEL, else models/gemini-3.8-live).")
    var model: String?

    @Option(help: "Response modality (native-audio models accept audio only).")
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

    @Option(help: "Turn on transcription: input, output, or input,output.")
    var transcribe: String?

    @Option(help: "Server-side voice activity detection: off (send activityStart/activityEnd yourself) or default.")
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

    @Option(
        help:
            "Sliding-window context compression; an optional token count sets the trigger ('--compression' alone uses the service default)."
    )
    var compression: String?

    @Option(help: "Resume the session this resumption handle belongs to.")
    var resume: String?

    @Option(help: "A JSON file holding the whole setup ({\"setup\":{...}} or the object); flags override its fields.")
    var setup: String?

    @Flag(
        name: .customLong("no-resumption"),
        help: "Do not ask for resumption handles; a lost connection then ends the session.")
    var noResumption = false

    func validate() throws {
        if let transcribe {
            let parts = transcribe.split(separator: ",").map(String.init)
            guard !parts.isEmpty, parts.allSatisfy({ $0 == "input" || $0 == "output" }) else {
                throw ValidationError("--transcribe takes input, output or input,output.")
            }
        }
        if let compression, compression != "default", Int(compression).map({ $0 > 0 }) != true {
            throw ValidationError("--compression takes a positive token count, or nothing.")
        }
        if let silenceMs, silenceMs < 0 { throw ValidationError("--silence-ms must be 0 or more.") }
        if let prefixPaddingMs, prefixPaddingMs < 0 { throw ValidationError("--prefix-padding-ms must be 0 or more.") }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be 0 to 2.") }
        if noResumption, resume != nil { throw ValidationError("--resume needs resumption; drop --no-resumption.") }
    }

    /// The setup: `--setup FILE` or stdin's setup line (or defaults), with every flag applied.
    func setup(stdinSetup: Setup?) throws(SessionSetupError) -> Setup {
        if stdinSetup != nil, let setup {
            throw SessionSetupError(.usage, "a setup came both from --setup '\(setup)' and from stdin's first line")
        }
        var base = stdinSetup
        if base == nil, let setup { base = try SetupFiles.setup(path: setup) }
        if base == nil {
            let fromEnvironment = getenv("GEMINI_LIVE_MODEL").map { String(cString: $0) } ?? ""
            let model = fromEnvironment.isEmpty ? SetupOptions.defaultModel : fromEnvironment
            base = Setup(model: SetupOptions.qualifiedModel(model))
        }
        var options = SetupOptions()
        options.model = model
        options.modality = modality
        options.voice = voice
        options.language = language
        if let system { options.systemInstruction = try SetupFiles.text(system, option: "--system") }
        options.temperature = temperature
        if let tools { options.tools = try SetupFiles.tools(path: tools) }
        options.googleSearch = googleSearch
        let transcriptions = transcribe?.split(separator: ",").map(String.init) ?? []
        options.transcribeInput = transcriptions.contains("input")
        options.transcribeOutput = transcriptions.contains("output")
        options.vad = vad
        options.startSensitivity = startSensitivity
        options.endSensitivity = endSensitivity
        options.silenceMilliseconds = silenceMs
        options.prefixPaddingMilliseconds = prefixPaddingMs
        options.noInterruption = noInterruption
        if let compression { options.compression = .some(Int(compression)) }
        var result = options.apply(to: base!)
        if noResumption { result.sessionResumption = nil }
        return result
    }
}
