import ArgumentParser
import GeminiLiveCLI
import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveSessionOptions
import GeminiLiveSystem

/// `gemini-live-session`: client messages in on stdin, server messages out on stdout, over one Live session.
@main
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-session",
        abstract: "Run a Gemini Live session: NDJSON client messages in, one compact JSON line per server message out.",
        discussion: """
            Sends the setup, waits for setupComplete, then sends each valid input line (clientContent, \
            realtimeInput or toolResponse, either casing) as one frame, in order. Every server message is \
            written to stdout as one compact JSON line, flushed at once. A first stdin line that is a setup \
            is taken as the setup; flags override its fields.

            The session survives the service's goAway and dropped connections: it resumes with the latest \
            resumption handle and re-sends the client messages no handle covers. After the end of input it \
            waits for the turnComplete that answers the last input (or --idle-timeout of silence), closes \
            with 1000 and exits 0. The API key comes from GOOGLE_API_KEY, GEMINI_API_KEY or --api-key-file \
            and travels in the x-goog-api-key header.

            EXAMPLES:
              gemini-live-encode question.wav --silence 800 |
                gemini-live-session --transcribe output |
                gemini-live-decode --wav reply.wav --text -
              echo '{"realtimeInput":{"text":"Hi"}}' |
                gemini-live-session --transcribe output | gemini-live-decode --text -
              gemini-live-session --input mic.fifo --input camera.fifo \\
                --transcribe output   # offline: no (a live microphone and camera)

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .unavailable, .cannotCreate, .io, .timeout, .protocolError, .permission, .configuration]))
            Close codes and their full reasons are printed on stderr.
            """,
        version: ToolVersion.current
    )

    @OptionGroup var setupFlags: SessionSetupFlags
    @OptionGroup var connectionFlags: SessionConnectionFlags

    @Option(
        name: .customLong("input"),
        help: "Read client messages from this file or FIFO ('-' = stdin; repeatable; lines are merged whole).")
    var inputs: [String] = []

    @Flag(help: "End the session (exit 65) at the first bad input line instead of skipping it.")
    var strict = false

    @Flag(
        name: .customLong("keep-legacy"),
        help: "Send realtimeInput.mediaChunks as written instead of rewriting it to audio/video.")
    var keepLegacy = false

    @Option(
        name: .customLong("idle-timeout"),
        help:
            "After the end of input, end the session after this many seconds without a server message (0 = wait for turnComplete only)."
    )
    var idleTimeout: Double = 30

    @Option(help: "Exit 0 after this many completed turns.")
    var turns: Int?

    @Option(
        name: .customLong("on-tool-call"),
        help:
            "Answer each function call by running this shell command with {\"id\",\"name\",\"args\"} on stdin; its stdout is the response."
    )
    var onToolCall: String?

    @Option(
        help:
            "Write a cassette: a header line, then every frame in both directions as JSON lines with monotonic times in ms (secrets redacted)."
    )
    var record: String?

    @OptionGroup var cassetteFlags: CassetteFlags

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        if let turns, turns < 1 { throw ValidationError("--turns must be 1 or more.") }
        try SecondsOption.check(idleTimeout, "--idle-timeout", zeroAllowed: true)
        guard inputs.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("Only one --input can be '-'.") }
        try setupFlags.validate()
        try connectionFlags.validate()
        try cassetteFlags.validate()
        if cassetteFlags.mediaDirectory != nil, record == nil {
            throw ValidationError("--media-dir stores the payloads of a cassette: give --record FILE as well.")
        }
    }

    func run() async throws {
        ProcessSetup.ignoreBrokenPipeSignal()
        var diagnostics = Diagnostics(tool: "gemini-live-session", verbosity: verbosity.verbose)
        let control = SessionControl()
        SignalFinisher.install { control.stop() }
        do {
            let sources = try InputSource.open(inputs.isEmpty ? ["-"] : inputs)
            var request = SessionRequest()
            setupFlags.apply(to: &request)
            connectionFlags.apply(to: &request)
            let configuration = try SessionConfiguration.resolve(
                request, stdinSetup: nil,
                environment: ProcessEnvironment.values(SessionConfiguration.environmentNames))
            let redactor = cassetteFlags.redactor(for: configuration.endpoint)
            diagnostics.filter = { redactor.redacting($0) }
            let reporter = diagnostics
            var driver = SessionDriver(
                policy: configuration.policy, endpoint: configuration.endpoint, inputs: sources
            ) { text, important in
                if important { reporter.error(text) } else { reporter.info(text) }
            }
            connectionFlags.apply(to: &driver)
            driver.policy.idleTimeout = idleTimeout > 0 ? .seconds(idleTimeout) : nil
            driver.policy.turns = turns
            driver.control = control
            driver.validator = InputValidator(keepLegacy: keepLegacy)
            driver.strict = strict
            let layering = configuration.layering
            driver.layered = { layering.setup(from: $0) }
            if let record {
                let header = CassetteHeader(
                    tool: ToolVersion.current, endpoint: configuration.endpoint, setup: configuration.policy.setup)
                driver.recorder = try SessionRecorder(
                    path: record, header: header, redactor: redactor, media: cassetteFlags.media)
            }
            driver.toolCommand = onToolCall.map(ToolCallCommand.init)
            throw reporter.exit(reporting: await driver.run())
        } catch {
            throw diagnostics.exit(reporting: error)
        }
    }
}
