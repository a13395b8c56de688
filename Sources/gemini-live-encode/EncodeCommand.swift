import ArgumentParser
import GeminiLiveCLI
import GeminiLiveEncoder
import GeminiLiveMedia
import GeminiLiveProtocol

extension RawPCMEncoding: ExpressibleByArgument {}

/// `gemini-live-encode`: media and text in, Live API client messages out, one per line.
@main
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-encode",
        abstract: "Turn audio, pictures, video frames and text into Gemini Live client messages (NDJSON).",
        discussion: """
            Each input becomes BidiGenerateContent client messages, one compact JSON object per \
            line on stdout, ready for gemini-live-session. Inputs are emitted in command-line order.

            Audio (any format libsndfile reads: WAV, FLAC, Ogg Vorbis, Opus, AIFF, MP3, mu-law, \
            A-law; any rate and channel count) is mixed to mono, resampled to 16 kHz with libsoxr \
            (high quality), and sent as realtimeInput.audio in --chunk-ms pieces. M4A/AAC cannot be \
            read; convert first: ffmpeg -i in.m4a -ac 1 -ar 16000 in.wav
            JPEG and PNG files become realtimeInput.video; .txt files and --text become a user turn.

            With --context-update, each --system (text, or @FILE) and --tools FILE becomes a contextUpdate \
            line at its place among the inputs (a --system next to a --tools makes one line holding both): \
            gemini-3.8-live models then answer with the new instruction and tools, keeping the conversation.

            EXAMPLES:
              gemini-live-encode question.wav |
                gemini-live-session --transcribe output |
                gemini-live-decode --wav reply.wav --text -
              gemini-live-encode photo.jpg --text "Describe this picture"
              arecord -f S16_LE -r 16000 -c 1 -t raw |
                gemini-live-encode --raw --rate 16000 -   # offline: no (microphone)
              ffmpeg -v error -f v4l2 -i /dev/video0 -r 1 -f mjpeg - |
                gemini-live-encode --mjpeg -   # offline: no (camera)
              ffmpeg -v error -i talk.mp4 -f mjpeg -r 10 - |
                gemini-live-encode --mjpeg - --source-fps 10
              gemini-live-encode --realtime --silence 800 q1.wav q2.wav
              gemini-live-encode q1.wav --context-update --system "Be brief." q2.wav

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .io]))
            Lines written before an error stay valid. A reader that closes the pipe ends the run quietly (0).
            """,
        version: ToolVersion.current
    )

    @Argument(help: "Audio file, JPEG/PNG picture, or .txt file; '-' reads audio from stdin.")
    var inputs: [String] = []

    @Option(
        name: .customLong("text"), help: "A user turn with this text (repeatable; kept in order with the other inputs)."
    )
    var texts: [String] = []

    @Option(name: .customLong("mjpeg"), help: "A motion-JPEG stream (ffmpeg -f mjpeg), '-' for stdin (repeatable).")
    var mjpegStreams: [String] = []

    @Option(name: .customLong("chunk-ms"), help: "Milliseconds of audio per message (10 to 10000).")
    var chunkMilliseconds = 100

    @Flag(help: "Inputs are headerless PCM, described by --rate, --channels and --format.")
    var raw = false

    @Option(help: "Sample rate of --raw input, in Hz.")
    var rate: Int?

    @Option(help: "Channels of --raw input (default 1).")
    var channels: Int?

    @Option(help: "Sample format of --raw input (default s16le).")
    var format: RawPCMEncoding?

    @Option(
        name: .customLong("silence"),
        help: "Append this many milliseconds of silence to each audio input, so server-side VAD sees the end of speech."
    )
    var silenceMilliseconds = 0

    @Flag(
        help: "Wrap each audio input in activityStart/activityEnd (for sessions with automatic activity detection off)."
    )
    var activity = false

    @Flag(
        help:
            "Send audioStreamEnd after each audio input, not only after the last one (flushes the service's cached audio)."
    )
    var end = false

    @Flag(
        name: .customLong("no-end"),
        help:
            "Send no audioStreamEnd. By default it follows the last audio input (a file, or stdin at its end), so the service answers without waiting for silence; not with --activity, whose activityEnd ends the turn."
    )
    var noEnd = false

    @Flag(help: "Pace audio in real time, like a microphone (same as --speed 1).")
    var realtime = false

    @Option(help: "Pace audio at this multiple of real time (e.g. 2 = twice as fast).")
    var speed: Double?

    @Option(help: "Most video frames per second to send from --mjpeg streams; 0 sends every frame.")
    var fps: Double = 1

    @Option(
        name: .customLong("source-fps"),
        help: "The --mjpeg stream's own frame rate; thins by frame count instead of arrival time (use for files).")
    var sourceFps: Double?

    @Flag(
        name: .customLong("realtime-text"),
        help: "Send text as realtimeInput.text (3.x models, mid-session) instead of a clientContent turn.")
    var realtimeText = false

    @Flag(
        name: .customLong("no-turn-complete"), help: "Text turns carry turnComplete:false, so the model waits for more."
    )
    var noTurnComplete = false

    @Flag(
        help:
            "Write the deprecated realtime_input.media_chunks shape some older relays expect. Only 2.x models accept it; 3.x models close the session with 1007."
    )
    var legacy = false

    @Flag(
        name: .customLong("context-update"),
        help: "Turn --system and --tools into contextUpdate lines, in place among the inputs (gemini-3.8-live).")
    var contextUpdate = false

    @Option(
        name: .customLong("system"),
        help: "With --context-update: a new system instruction, or @FILE to read it (repeatable; kept in order).")
    var systems: [String] = []

    @Option(
        name: .customLong("tools"),
        help: "With --context-update: a JSON file of tools replacing the session's (repeatable; kept in order).")
    var toolFiles: [String] = []

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard (10...10_000).contains(chunkMilliseconds) else {
            throw ValidationError("--chunk-ms must be between 10 and 10000.")
        }
        if raw {
            guard let rate, (1000...384_000).contains(rate) else {
                throw ValidationError("--raw needs --rate, the input's sample rate in Hz (1000 to 384000).")
            }
            guard (1...64).contains(channels ?? 1) else { throw ValidationError("--channels must be 1 to 64.") }
        } else if rate != nil || channels != nil || format != nil {
            throw ValidationError("--rate, --channels and --format describe --raw input; audio files carry their own.")
        }
        if sourceFps != nil && mjpegStreams.isEmpty { throw ValidationError("--source-fps describes --mjpeg input.") }
        guard silenceMilliseconds >= 0, silenceMilliseconds <= 600_000 else {
            throw ValidationError("--silence must be 0 to 600000 ms.")
        }
        if realtime && speed != nil { throw ValidationError("Give --realtime or --speed, not both.") }
        if end && noEnd { throw ValidationError("Give --end or --no-end, not both.") }
        if let speed, !(speed > 0 && speed <= 1000) {
            throw ValidationError("--speed must be above 0 and at most 1000.")
        }
        guard fps >= 0 else { throw ValidationError("--fps must be 0 (keep all) or more.") }
        if let sourceFps, !(sourceFps > 0) { throw ValidationError("--source-fps must be above 0.") }
        if texts.contains(where: { $0.allSatisfy(\.isWhitespace) }) { throw ValidationError("--text needs some text.") }
        let updates = systems.count + toolFiles.count
        if updates > 0 && !contextUpdate {
            throw ValidationError(
                "--system and --tools make contextUpdate lines: add --context-update (a session's own instruction and tools are gemini-live-session --system and --tools)."
            )
        }
        if contextUpdate && updates == 0 {
            throw ValidationError("--context-update needs --system TEXT|@FILE or --tools FILE.")
        }
        if systems.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError("--system needs some text.")
        }
        if inputs.isEmpty && texts.isEmpty && mjpegStreams.isEmpty && !raw && updates == 0 {
            throw ValidationError(
                "No input. Give an audio, picture or .txt file ('-' for audio on stdin), --text or --mjpeg.")
        }
        let stdinReaders = inputs.filter { $0 == "-" }.count + mjpegStreams.filter { $0 == "-" }.count
        guard stdinReaders <= 1 else { throw ValidationError("Only one input can read stdin ('-').") }
    }

    func run() throws {
        ProcessSetup.ignoreBrokenPipeSignal()
        let diagnostics = Diagnostics(tool: "gemini-live-encode", verbosity: verbosity.verbose)
        let inputs = orderedInputs()
        let options = encoderOptions
        let writer = LineWriter(fileDescriptor: 1, policy: options.flushPolicy(for: inputs))
        let encoder = MessageEncoder(options: options, writer: writer)
        do {
            try encoder.encode(inputs) {
                diagnostics.info("\($0.sourceName): done, \(encoder.statistics.lines) lines so far")
            }
            try encoder.finish()
        } catch {
            try? encoder.finish()
            throw diagnostics.exit(reporting: error)
        }
        let stats = encoder.statistics
        diagnostics.info(
            "\(stats.lines) lines, \((stats.audioSeconds * 100).rounded() / 100) s audio, \(stats.framesSent) frames sent, \(stats.framesDropped) dropped by --fps, \(stats.junkBytes) junk bytes skipped"
        )
    }

    private var encoderOptions: EncoderOptions {
        var options = EncoderOptions()
        options.chunkMilliseconds = chunkMilliseconds
        options.wrapInActivity = activity
        options.audioStreamEnd = noEnd ? .never : end ? .afterEachAudio : .afterLastAudio
        options.trailingSilenceMilliseconds = silenceMilliseconds
        options.speed = realtime ? 1 : speed
        options.legacy = legacy
        options.framesPerSecond = fps
        options.sourceFramesPerSecond = sourceFps
        options.turnComplete = !noTurnComplete
        options.realtimeText = realtimeText
        return options
    }

    /// Inputs in argv order: positional files, --text and --mjpeg interleaved as typed.
    private func orderedInputs() -> [EncoderInput] {
        let scanner = ArgumentOrder(command: Self.self, inputOptions: ["--text", "--mjpeg", "--system", "--tools"])
        var entries = scanner.entries(in: Array(CommandLine.arguments.dropFirst()))
        if entries.isEmpty && raw { entries = [.init(option: nil, value: "-")] }
        var result: [EncoderInput] = []
        for entry in entries {
            switch entry.option {
            case "--text": result.append(.text(entry.value))
            case "--mjpeg": result.append(.mjpeg(path: entry.value))
            case "--system", "--tools": Self.addContextUpdate(entry, to: &result)
            default: result.append(classify(entry.value))
            }
        }
        return result
    }

    /// A `--system` or `--tools` entry as a context update, joined with the update just before it when that one
    /// lacks this member (`--system X --tools F` is one line), else a new one.
    private static func addContextUpdate(_ entry: ArgumentOrder.Entry, to inputs: inout [EncoderInput]) {
        let isSystem = entry.option == "--system"
        if case .contextUpdate(let system, let tools)? = inputs.last, (isSystem ? system : tools) == nil {
            inputs[inputs.count - 1] = .contextUpdate(
                system: isSystem ? entry.value : system, toolsPath: isSystem ? tools : entry.value)
        } else {
            inputs.append(.contextUpdate(system: isSystem ? entry.value : nil, toolsPath: isSystem ? nil : entry.value))
        }
    }

    private func classify(_ path: String) -> EncoderInput {
        let layout =
            raw ? RawAudioLayout(sampleRate: rate ?? 16_000, channels: channels ?? 1, encoding: format ?? .s16le) : nil
        return InputClassifier.classify(path, raw: layout)
    }
}
