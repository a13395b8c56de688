import ArgumentParser
import GeminiLiveCLI
import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveSessionOptions
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

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

            VERTEX AI: --vertex connects to Vertex AI instead: the host of --location \
            ({location}-aiplatform.googleapis.com; aiplatform.googleapis.com for global; \
            aiplatform.us|eu.rep.googleapis.com for us and eu), the LlmBidiService path (v1beta1, or \
            --api-version v1), and a bare --model becomes projects/P/locations/L/publishers/google/models/ID. \
            The OAuth access token comes from --access-token-file or --access-token-command, read again \
            before every connection (tokens expire after about an hour), and travels as Authorization: \
            Bearer. With an API key and no project (express mode) the key goes to the global host and the \
            model is publishers/google/models/ID. --dry-run prints the URL, the header names (values \
            redacted) and the setup line, then exits 0 without connecting.

            EXAMPLES:
              gemini-live-encode question.wav --silence 800 |
                gemini-live-session --transcribe output |
                gemini-live-decode --wav reply.wav --text -
              echo '{"realtimeInput":{"text":"Hi"}}' |
                gemini-live-session --transcribe output | gemini-live-decode --text -
              gemini-live-session --input mic.fifo --input camera.fifo \\
                --transcribe output   # offline: no (a live microphone and camera)
              gemini-live-session --vertex --project my-project --location us-central1 \\
                --access-token-command 'gcloud auth print-access-token' --dry-run

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .unavailable, .cannotCreate, .io, .timeout, .protocolError, .permission, .configuration]))
            Close codes and their full reasons are printed on stderr.
            """,
        version: ToolVersion.current
    )

    @OptionGroup var setupFlags: SessionSetupFlags
    @OptionGroup var connectionFlags: SessionConnectionFlags
    @OptionGroup var vertexFlags: VertexFlags

    @Flag(
        name: .customLong("dry-run"),
        help:
            "Print the URL, the request's header names (values redacted) and the setup line that would be sent, then exit 0 without connecting."
    )
    var dryRun = false

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
        try vertexFlags.validate()
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
            var sources = try InputSource.open(inputs.isEmpty ? ["-"] : inputs)
            // A dry run at a terminal reads no setup from it: nobody is about to type one.
            let readsStdinSetup = !dryRun || isatty(0) == 0
            let stdinSetup = try sources.firstIndex { $0.fileDescriptor == 0 && readsStdinSetup }.flatMap {
                try sources[$0].takeSetupLine()
            }
            var request = SessionRequest()
            setupFlags.apply(to: &request)
            connectionFlags.apply(to: &request)
            vertexFlags.apply(to: &request)
            let configuration = try SessionConfiguration.resolve(
                request, stdinSetup: stdinSetup,
                environment: ProcessEnvironment.values(SessionConfiguration.environmentNames))
            let redactor = cassetteFlags.redactor(for: configuration.endpoint)
            diagnostics.filter = { redactor.redacting($0) }
            if dryRun {
                try Self.printDryRun(configuration, redactor: redactor)
                return
            }
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
            driver.validator = InputValidator(
                keepLegacy: keepLegacy, toolResponsesNeedIDs: configuration.endpoint.backend == .geminiAPI)
            driver.strict = strict
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

    /// `--dry-run`: the URL, one `name: value` line per request header with the value redacted, and the
    /// first connection's setup line, on stdout (secrets, e.g. a `--resume` handle, redacted there too).
    static func printDryRun(_ configuration: SessionConfiguration, redactor: SecretRedactor) throws {
        let lines =
            [configuration.endpoint.url] + configuration.endpoint.redactedHeaderLines
            + [String(decoding: configuration.firstSetupFrame, as: UTF8.self)]
        let text = lines.map { redactor.redacting($0) + "\n" }.joined()
        try Descriptor.writeAll(Array(text.utf8), to: 1)
    }
}
