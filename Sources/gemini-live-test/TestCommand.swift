import ArgumentParser
import GeminiLiveCLI
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

/// `gemini-live-test`: prompt regression tests for the Live API. This first version offers only `--stats`, the
/// per-turn latency table of frame recordings; running scenario suites is still to come.
@main
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-test",
        abstract: "Per-turn latency of recorded Gemini Live sessions (prompt regression tests to come).",
        discussion: """
            THIS VERSION OFFERS ONLY --stats. Running scenario suites (against the service, \
            --emulator or --replay), --repeat, --junit and --tap are coming and are not built yet; \
            without --stats the tool stops with a usage error (64).

            --stats reads frame recordings, the NDJSON that gemini-live-session --record and \
            gemini-live-emulator --log write (one frame per line with its time), and prints one \
            table on stdout. Each file is one attempt: its frames are split into user turns, and \
            each turn is timed from the wire timestamps, in milliseconds after the turn's end of \
            user input (its activityEnd or audioStreamEnd; else the last audio chunk above \
            -40 dBFS; else the text sent with turnComplete). The table has a row per turn and \
            figure: n is how many of the files have that figure for that turn, p50 and p90 are \
            nearest-rank percentiles over them, max the worst. rtf is a ratio (audio duration over \
            its delivery time), max_gap_ms the longest silence inside the reply.

            EXAMPLES:
              gemini-live-encode q.wav \\
                | gemini-live-session --transcribe output --record session.ndjson \\
                | gemini-live-decode --text -
              gemini-live-test --stats session.ndjson
              gemini-live-test --stats run1.ndjson run2.ndjson
              gemini-live-test --stats -v - < session.ndjson

            EXIT STATUS:
            \(ExitStatus.helpTable([.success, .failure, .usage, .badData, .noInput, .io]))
            A line that is not a frame is reported as FILE:LINE:COLUMN: problem and ends the run \
            (65) before anything is printed. A reader that closes stdout ends the run quietly (0).
            """,
        version: ToolVersion.current
    )

    @Flag(help: "Print the per-turn latency table (n, p50, p90, max) of the recordings given.")
    var stats = false

    @Argument(help: "Frame recordings to read ('-' or none: stdin).")
    var recordings: [String] = []

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        guard stats else {
            throw ValidationError(
                "This version of gemini-live-test only offers --stats RECORDING...; running scenario suites is not built yet."
            )
        }
        if recordings.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin ('-') can be read only once.") }
    }

    func run() throws {
        ProcessSetup.ignoreBrokenPipeSignal()
        let diagnostics = Diagnostics(tool: "gemini-live-test", verbosity: verbosity.verbose)
        do {
            var attempts: [RecordedAttempt] = []
            for path in recordings.isEmpty ? ["-"] : recordings {
                let attempt = try Self.attempt(path)
                attempts.append(attempt.attempt)
                diagnostics.info(attempt.summary)
            }
            // One write of the whole table, its last line ended; a closed pipe ends the run quietly.
            do {
                try Descriptor.writeAll(Array(LatencyTable(attempts).description.utf8), to: 1)
            } catch {
                throw ToolError(category: .write(errno: error.code), description: "stdout: \(error)")
            }
        } catch {
            throw diagnostics.exit(reporting: error)
        }
    }

    /// The turns of one recording, and the line `-v` prints about it.
    private static func attempt(_ path: String) throws(ToolError) -> (attempt: RecordedAttempt, summary: String) {
        let name = displayName(of: path)
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw ToolError(error)
        }
        let recording = try FrameRecording(ndjson: bytes, source: name) { MediaFolder(forCassette: path, header: $0) }
        guard !recording.frames.isEmpty else {
            throw ToolError(category: .badData, description: "\(name): no frames: not a frame recording")
        }
        let attempt = RecordedAttempt(recording)
        let connections = Set(recording.frames.map(\.connection)).count
        var summary =
            "\(name): \(recording.frames.count) frames, \(connections) connection\(connections == 1 ? "" : "s"), "
            + "\(attempt.turns.count) turn\(attempt.turns.count == 1 ? "" : "s")"
        if let code = attempt.closeCode { summary += ", closed with \(code)" }
        return (attempt, summary)
    }
}
