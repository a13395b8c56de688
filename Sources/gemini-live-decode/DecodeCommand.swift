import ArgumentParser
import GeminiLiveCLI
import GeminiLiveDecoder
import GeminiLiveMedia
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

extension AudioContainer: ExpressibleByArgument {}

/// `gemini-live-decode`: server messages in, sound files, raw PCM, text and transcripts out.
@main
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-decode",
        abstract: "Turn Gemini Live server messages into sound files, raw PCM, text and transcripts.",
        discussion: """
            Reads server messages (what gemini-live-session writes: one JSON object per line; logs \
            with pretty-printed or snake_case messages work too) from the files given, or stdin, and \
            produces every requested output in one pass. Client messages in the input are skipped.

            Audio outputs take the rate from each part's MIME type (audio/pcm;rate=24000; 24 kHz \
            when absent). Files are valid at every moment: WAV headers are updated as the file grows, \
            and SIGINT/SIGTERM close every file properly before exiting.

            EXAMPLES:
              gemini-live-encode q.wav | gemini-live-session --transcribe output |
                gemini-live-decode --wav reply.wav --text -
              gemini-live-session --transcribe output < in.ndjson |
                gemini-live-decode --raw | aplay -f S16_LE -r 24000 -c 1
              gemini-live-decode --split-turns turns/ --json turns.ndjson \\
                --transcript - session.log
              gemini-live-decode --raw --resample 48000 session.log |
                ffplay -autoexit -nodisp -f s16le -ar 48000 -ac 1 -
              gemini-live-decode --relay - session.log

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .cannotCreate, .io]))
            Malformed lines are reported as SOURCE:LINE: problem and skipped; the run then ends with 65 \
            (or stops at the first one with --strict). A reader that closes stdout ends the run quietly (0).
            """,
        version: ToolVersion.current
    )

    @Argument(help: "Server message logs to read ('-' or none: stdin).")
    var inputs: [String] = []

    @Option(help: "Write all model audio to this WAV file.")
    var wav: String?

    @Option(
        help:
            "Write all model audio to this file; the type comes from the extension (.wav, .flac, .ogg, .opus). Repeatable."
    )
    var out: [String] = []

    @Option(
        name: .customLong("split-turns"),
        help: "Write one file per model turn into this folder (turn-0001.wav, turn-0002-interrupted.wav, ...).")
    var splitTurns: String?

    @Option(name: .customLong("split-format"), help: "File type for --split-turns.")
    var splitFormat: AudioContainer = .wav

    @Flag(help: "Write model audio to stdout as raw s16le mono PCM as it arrives (for aplay or ffplay).")
    var raw = false

    @Option(help: "Convert audio outputs to this sample rate in Hz (libsoxr high quality).")
    var resample: Int?

    @Option(
        name: .customLong("flush-silence"),
        help: "With --raw, add this many milliseconds of silence at each turn end so players drain their buffer.")
    var flushSilence = 0

    @Option(
        name: .customLong("text"),
        help: ArgumentHelp(
            "Print the model's words, one line per turn, to FILE ('-' = stdout, '2' = stderr).", valueName: "file"))
    var textTarget: String?

    @Flag(name: .customLong("stream"), help: "With --text, print words as they arrive instead of one line per turn.")
    var stream = false

    @Flag(help: "Include the model's thoughts (thought: true parts) in --text and --json.")
    var thoughts = false

    @Option(
        name: .customLong("transcript"),
        help: ArgumentHelp(
            "Print a user/model dialogue with tool calls, interruptions and usage totals to FILE ('-' = stdout, '2' = stderr).",
            valueName: "file"))
    var transcriptTarget: String?

    @Option(
        name: .customLong("events"),
        help: ArgumentHelp(
            "Print one summary line per message to FILE ('-' = stdout, '2' = stderr).", valueName: "file"))
    var eventsTarget: String?

    @Option(
        name: .customLong("json"),
        help: ArgumentHelp(
            "Write one JSON record per turn (turn, text, transcripts, audioSeconds, interrupted, usage) to FILE ('-' = stdout, '2' = stderr).",
            valueName: "file"))
    var jsonTarget: String?

    @Option(
        name: .customLong("relay"),
        help: ArgumentHelp(
            #"Write the reply as the seed tutorial's relay sends it to its browser page, one line per piece as it arrives: {"text":...} for words, {"audio":BASE64} for PCM, to FILE ('-' = stdout, '2' = stderr)."#,
            valueName: "file"))
    var relayTarget: String?

    @Flag(help: "Stop at the first malformed line (exit 65) instead of reporting it and going on.")
    var strict = false

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        if let wav, !wav.lowercased().hasSuffix(".wav") {
            throw ValidationError("--wav wants a .wav file name; use --out for other types.")
        }
        if let resample, !(1_000...384_000).contains(resample) {
            throw ValidationError("--resample must be 1000 to 384000 Hz.")
        }
        guard (0...10_000).contains(flushSilence) else {
            throw ValidationError("--flush-silence must be 0 to 10000 ms.")
        }
        if flushSilence > 0 && !raw { throw ValidationError("--flush-silence applies to --raw output.") }
        if stream && textTarget == nil { throw ValidationError("--stream applies to --text.") }
        let options = decodeOptions
        if options.targets.isEmpty && options.audioFiles.isEmpty && splitTurns == nil {
            throw ValidationError(
                "Nothing to do: give --wav, --out, --split-turns, --raw, --text, --transcript, --events, --json or --relay."
            )
        }
        let onStdout = options.targets.filter { $0.target == .stdout }.map(\.option)
        if onStdout.count > 1 {
            throw ValidationError(
                "\(onStdout.joined(separator: " and ")) would share stdout; send all but one to a file.")
        }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin ('-') can be read only once.") }
    }

    private var decodeOptions: DecodeOptions {
        var options = DecodeOptions()
        options.audioFiles = (wav.map { [$0] } ?? []) + out
        options.splitDirectory = splitTurns
        options.splitExtension = splitFormat.rawValue
        options.rawAudio = raw
        options.resampleRate = resample
        options.flushSilenceMilliseconds = flushSilence
        options.text = textTarget.map(Self.target)
        options.streamText = stream
        options.includeThoughts = thoughts
        options.transcript = transcriptTarget.map(Self.target)
        options.events = eventsTarget.map(Self.target)
        options.turnRecords = jsonTarget.map(Self.target)
        options.relay = relayTarget.map(Self.target)
        options.strict = strict
        return options
    }

    private static func target(_ value: String) -> OutputTarget {
        switch value {
        case "-": .stdout
        case "2": .stderr
        default: .file(value)
        }
    }

    func run() throws {
        ProcessSetup.ignoreBrokenPipeSignal()
        ProcessSetup.keepFreedBlocksInTheHeap()
        let diagnostics = Diagnostics(tool: "gemini-live-decode", verbosity: verbosity.verbose)
        let decoder: ReplyDecoder
        do {
            decoder = try ReplyDecoder(options: decodeOptions) { diagnostics.error($0) }
        } catch {
            throw diagnostics.exit(reporting: error)
        }
        SignalFinisher.install { try? decoder.finish() }
        let names = (inputs.isEmpty ? ["-"] : inputs).map(displayName(of:))
        do {
            for input in inputs.isEmpty ? ["-"] : inputs {
                let fd = try Self.open(input)
                defer { if fd != 0 { close(fd) } }
                try decoder.decode(fileDescriptor: fd, sourceName: displayName(of: input))
            }
            try decoder.finish()
        } catch {
            try? decoder.finish()
            throw diagnostics.exit(reporting: error)
        }
        let stats = decoder.statistics
        diagnostics.info(
            "\(stats.messages) server messages, \(stats.turns) turns, \(stats.skipped) values skipped, \(stats.problems) problems"
        )
        if !stats.otherParts.isEmpty {
            let kinds = stats.otherParts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            diagnostics.info("parts not rendered as audio or words: " + kinds.joined(separator: ", "))
        }
        if stats.problems > 0 { throw ExitCode(ExitStatus.badData.rawValue) }
        do { try decoder.requireServerMessages(in: names) } catch { throw diagnostics.exit(reporting: error) }
    }

    /// stdin for `-`, else the file opened for reading.
    private static func open(_ path: String) throws(ToolError) -> Int32 {
        if path == "-" { return 0 }
        do {
            return try Descriptor.openForReading(path)
        } catch {
            throw ToolError(category: .input(errno: error.code), description: "\(path): cannot open: \(error)")
        }
    }
}
