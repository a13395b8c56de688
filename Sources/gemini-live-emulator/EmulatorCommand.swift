import ArgumentParser
import GeminiLiveCLI
import GeminiLiveEmulator

/// `gemini-live-emulator`: a local Gemini Live server for tests, demos and CI.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-emulator",
        abstract: "A local Gemini Live (BidiGenerateContent) server that speaks the real wire protocol.",
        discussion: """
            Serves /ws/google.ai.generativelanguage.{v1,v1beta,v1alpha}.GenerativeService.BidiGenerateContent \
            (and ...BidiGenerateContentConstrained on v1alpha), and Vertex AI's \
            /ws/google.cloud.aiplatform.{v1beta1,v1}.LlmBidiService/BidiGenerateContent, which needs \
            Authorization: Bearer TOKEN (any token) or an express-mode x-goog-api-key, else HTTP 401, and \
            takes Vertex model names (projects/P/locations/L/publishers/google/models/ID). \
            Once listening it prints one line, \
            ws://127.0.0.1:PORT (wss://localhost:PORT with TLS), on stdout, and runs until SIGINT or SIGTERM.

            Replies are deterministic in their words: the model says what it received (text, seconds of \
            audio and their transcript, picture count and sizes), as streamed text or espeak-ng speech at \
            24 kHz. The speech's length may differ by a few samples from one reply to the next (espeak-ng \
            keeps state between utterances; the first reply of a process runs about 40 ms longer). \
            --script FILE makes it say other things, call tools, pause, interrupt itself or fail.

            Frames are shaped as recorded from the service: binary, pretty JSON ending in a newline \
            ({"setupComplete":{}} is 26 bytes), reply audio in 9,600-byte then 11,520-byte pieces, function \
            calls as name, args, id. What differs between the Gemini API and Vertex AI (modelTurn role, \
            audio MIME type, setupComplete.sessionId, call ids, usage names) is in each model's profile; \
            see WIRE SHAPES in the man page. --models lists the models, among them \
            gemini-3.8-live-extended-thinking (a filler turn ends with interactionStatus IN_PROGRESS, the \
            answer with IDLE) and gemini-3.5-transcribe-live (TEXT: the user's speech as text). On the 3.8 \
            family contextUpdate changes the system instruction and tools of later turns.

            --replay CASSETTE answers instead with the server frames of a recording \
            (gemini-live-session --record, gemini-live-test --record, --log), each once the client has \
            sent what the recorded client had sent before it: audio by duration, so re-chunked or \
            resampled audio matches; text, clientContent, activity markers and tool responses exactly \
            after normalising spelling and defaults. The first client frame that matches nothing \
            closes with 1011 "replay diverged at client frame N: POINTER: recorded A, got B" \
            (the whole story on stderr). Each connection takes the first unused recorded connection \
            whose setup matches its own (in path order with a directory), then used ones again.

            EXAMPLES:
              gemini-live-emulator --port 0
              gemini-live-emulator --port 8443 --tls-cert cert.pem --tls-key key.pem \\
                --api-key secret
              gemini-live-emulator --port 0 --connection-lifetime 20 --go-away-lead 5 \\
                --log frames.ndjson
              gemini-live-emulator --port 0 --drop-after 3 \\
                --script samples/emulator/weather.json
              gemini-live-emulator --port 0 --replay run1.ndjson --speed 0
              gemini-live-emulator --models | cut -f1

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .cannotCreate]))
            A signal ends the server with status 0.
            """,
        version: ToolVersion.current
    )

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(name: .customLong("tls-cert"), help: "PEM certificate (chain) for wss://; needs --tls-key.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for wss://; needs --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("api-key"), help: "Accept only this API key or token (any is accepted without it).")
    var apiKey: String?

    @Flag(help: "Print the model catalogue and exit.")
    var models = false

    @Option(help: "Write every frame, both directions, to this file as NDJSON.")
    var log: String?

    @Option(name: .customLong("connection-lifetime"), help: "Seconds before a connection is closed with 1011.")
    var connectionLifetime = 600.0

    @Option(
        name: .customLong("go-away-lead"), help: "Seconds before that close to send goAway (at most half the lifetime)."
    )
    var goAwayLead = 60.0

    @Option(
        name: .customLong("drop-after"),
        help: "Drop the TCP connection after this many client messages (setup excluded).")
    var dropAfter: Int?

    @Option(
        name: .customLong("fail-after"),
        help: "Close with 1011 \"Internal error occurred.\" after this many client messages.")
    var failAfter: Int?

    @Flag(
        name: .customLong("fault-every-connection"),
        help: "Apply --drop-after/--fail-after to every connection, not only the first.")
    var faultEveryConnection = false

    @Option(help: "Seconds each reply waits before it starts.")
    var stall = 0.0

    @Option(name: .customLong("slow-pongs"), help: "Seconds each pong is held back.")
    var slowPongs = 0.0

    @Option(name: .customLong("handle-ttl"), help: "Seconds a session resumption handle stays valid.")
    var handleTTL = 7200.0

    @Flag(name: .customLong("consumed-index"), help: "Add lastConsumedClientMessageIndex to sessionResumptionUpdate.")
    var consumedIndex = false

    @Option(help: "JSON or YAML (.yaml, .yml) file of rules that script the model's replies (see the man page).")
    var script: String?

    @Option(
        help: ArgumentHelp(
            "Answer from this cassette, or the *.ndjson cassettes in this folder and below, not a model.",
            valueName: "cassette"))
    var replay: String?

    @Option(
        help: ArgumentHelp(
            "Divide --replay's recorded delays by this; 0 answers as soon as the client is there.", valueName: "x"))
    var speed = 1.0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("Give both --tls-cert and --tls-key, or neither.")
        }
        try SecondsOption.check(connectionLifetime, "--connection-lifetime", zeroAllowed: false)
        try SecondsOption.check(goAwayLead, "--go-away-lead", zeroAllowed: true)
        try SecondsOption.check(stall, "--stall", zeroAllowed: true)
        try SecondsOption.check(slowPongs, "--slow-pongs", zeroAllowed: true)
        try SecondsOption.check(handleTTL, "--handle-ttl", zeroAllowed: false)
        guard speed >= 0, speed <= 1_000_000 else { throw ValidationError("--speed must be 0 to 1000000.") }
        if replay == nil && speed != 1 { throw ValidationError("--speed applies to --replay; add --replay FILE.") }
        if replay != nil && script != nil {
            throw ValidationError("--replay answers from the recording: leave out --script.")
        }
        if [dropAfter, failAfter].contains(where: { ($0 ?? 1) < 1 }) {
            throw ValidationError("--drop-after and --fail-after count messages from 1.")
        }
    }

    func run() async throws {
        let diagnostics = Diagnostics(tool: "gemini-live-emulator")
        if models {
            for model in ModelCatalogue.standard.models { LineOutput.write(model.catalogueLine, to: 1) }
            return
        }
        ProcessSetup.ignoreBrokenPipeSignal()
        // Connections just drop, as a killed server's do; the log is written line by line, so nothing is lost.
        SignalFinisher.install(exitStatus: ExitStatus.success.rawValue)
        do {
            var configuration = EmulatorConfiguration(
                host: host, port: port, tlsCertificatePath: tlsCert, tlsKeyPath: tlsKey, apiKey: apiKey,
                connectionLifetime: connectionLifetime, goAwayLead: goAwayLead, dropAfter: dropAfter,
                failAfter: failAfter, faultEveryConnection: faultEveryConnection, stall: stall, slowPongs: slowPongs,
                handleTTL: handleTTL, consumedIndex: consumedIndex, logPath: log,
                script: try script.map { path throws(EmulatorError) in try EmulatorScript(path: path) },
                replayPath: replay, replaySpeed: speed)
            configuration.replayDivergenceHandler = { divergence in diagnostics.error(divergence.description) }
            configuration.version = ToolVersion.current
            let server = try EmulatorServer(configuration: configuration)
            try await server.run { url in LineOutput.write(url, to: 1) }
        } catch {
            throw diagnostics.exit(reporting: error)
        }
    }
}
