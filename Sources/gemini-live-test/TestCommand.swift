import ArgumentParser
import GeminiLiveCLI
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSession
import GeminiLiveSessionOptions
import GeminiLiveSystem
import GeminiLiveTestRunner

/// `gemini-live-test`: prompt regression tests for the Live API. Runs scenario suites against the service, a
/// private emulator or recorded cassettes, and prints per-turn latency of recordings (`--stats`). It only wires:
/// scenarios come from GeminiLiveRegression, runs from GeminiLiveTestRunner, options from the session's groups.
@main
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemini-live-test",
        abstract: "Prompt regression tests for the Gemini Live API: scenario suites, pass rates, per-turn latency.",
        discussion: """
            Each SUITE is a scenario file (YAML), a folder of *.yaml and *.yml files (not its \
            subfolders; an emulator script kept there is left out), or a glob. Every scenario \
            runs --repeat times as fresh sessions, attempts of all scenarios interleaved from \
            one queue, --parallel at a time. Each attempt records every \
            frame with its time into a cassette and is judged from that cassette: its \
            expectations pass or fail, and each expectation's pass rate k/N over the attempts is \
            held against its require: under --gate. Transport problems (connect refused, 1011 \
            after the retries, a close before setupComplete) are errors, not failures; \
            --retry-errors re-runs only those. A failed expectation is never re-run.

            Against the service the key comes from $GEMINI_API_KEY, $GOOGLE_API_KEY or \
            --api-key-file, never from the command line. --emulator starts a private emulator \
            in this process on a free port. --record DIR keeps the cassettes as \
            DIR/<scenario-stem>/attempt-<n>.ndjson; --replay DIR runs each attempt against a \
            private emulator replaying the cassette of the same place, after checking that the \
            cassette was recorded for this version of the scenario.

            --stats reads frame recordings instead (gemini-live-session --record, \
            gemini-live-emulator --log, the cassettes of --record) and prints their per-turn \
            latency table: n, p50, p90 and max per turn and figure, in milliseconds after the \
            turn's end of user input.

            EXAMPLES:
              gemini-live-test --emulator suite/
              gemini-live-test --emulator --emulator-script replies.yaml 'suite/*.yaml'
              gemini-live-test --record cassettes suite/
              gemini-live-test --replay cassettes suite/
              gemini-live-test --repeat 20 --parallel 4 --gate confident suite/
              gemini-live-encode q.wav \\
                | gemini-live-session --transcribe output --record session.ndjson \\
                | gemini-live-decode --text -
              gemini-live-test --stats session.ndjson cassettes/weather/attempt-1.ndjson

            EXIT STATUS:
              0    every gate passed
              1    an expectation failed its gate
              2    a replay diverged or a cassette is stale
              64   usage error: bad option or option value
              65   an invalid scenario or cassette (FILE:LINE:COLUMN: problem on stderr)
              66   a SUITE, recording or file named by an option cannot be opened
              69   only transport errors: some scenario has no verdict
              73   a cassette or output file cannot be created
              74   reading or writing failed
              77   no API key for the service
            """,
        version: ToolVersion.current
    )

    @Argument(help: "Scenario files, folders or globs; with --stats, frame recordings ('-' or none: stdin).")
    var paths: [String] = []

    @Flag(help: "Print the per-turn latency table (n, p50, p90, max) of the recordings given.")
    var stats = false

    @Flag(help: "Run against a private emulator started in this process on a free port.")
    var emulator = false

    @Option(name: .customLong("emulator-script"), help: "Script the private emulator's replies (YAML or JSON).")
    var emulatorScript: String?

    @Option(help: "Replay the cassettes in this folder instead of connecting (DIR/<stem>/attempt-<n>.ndjson).")
    var replay: String?

    @Option(help: "Keep every attempt's cassette in this folder as DIR/<stem>/attempt-<n>.ndjson.")
    var record: String?

    @Flag(name: .customLong("allow-stale"), help: "Replay cassettes recorded for an earlier version of a scenario.")
    var allowStale = false

    @Option(name: .customLong("repeat"), help: "Attempts per scenario (default 1; with --replay, every cassette).")
    var repeatCount: Int?

    @Option(help: "Attempts run at a time.")
    var parallel = 1

    @Option(help: "Run only scenarios with this tag (repeatable: any of them).")
    var tag: [String] = []

    @Option(help: "Run only scenarios whose name or path matches this regular expression.")
    var filter: String?

    @Option(help: "How a pass rate is held against require: point (k/N) or confident (Wilson 95 % lower bound).")
    var gate: PassRateGate = .point

    @Option(name: .customLong("retry-errors"), help: "Re-run an attempt that ended in a transport error this often.")
    var retryErrors = 0

    @Option(name: .customLong("turn-timeout"), help: "Seconds a reply may take before the attempt stops.")
    var turnTimeout: Double = 30

    @Option(help: "Write a JUnit XML report to this file.")
    var junit: String?

    @Flag(help: "Print the results as TAP 14 on stdout instead of the summary.")
    var tap = false

    @Option(help: "Append one JSON line per attempt to this file as attempts finish.")
    var results: String?

    @OptionGroup var connection: SessionConnectionFlags

    @OptionGroup var cassetteFlags: CassetteFlags

    @OptionGroup var verbosity: VerbosityOptions

    func validate() throws {
        if stats {
            let running =
                emulator || replay != nil || record != nil || repeatCount != nil || junit != nil || tap
                || results != nil
            if running { throw ValidationError("--stats reads recordings; it takes none of the options of a run.") }
            if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("stdin ('-') can be read only once.") }
            return
        }
        guard !paths.isEmpty else {
            throw ValidationError("Give at least one SUITE (a scenario file, folder or glob).")
        }
        if emulator, replay != nil { throw ValidationError("--emulator and --replay cannot be used together.") }
        if emulatorScript != nil, !emulator { throw ValidationError("--emulator-script needs --emulator.") }
        if allowStale, replay == nil { throw ValidationError("--allow-stale only applies to --replay.") }
        if cassetteFlags.mediaDirectory != nil, record == nil {
            throw ValidationError("--media-dir stores the payloads of kept cassettes: give --record DIR as well.")
        }
        if let replay, let record, replay == record {
            throw ValidationError("--record must not be the --replay folder: the replay would overwrite its cassettes.")
        }

        if let repeatCount, repeatCount < 1 { throw ValidationError("--repeat must be 1 or more.") }
        guard parallel >= 1 else { throw ValidationError("--parallel must be 1 or more.") }
        guard retryErrors >= 0 else { throw ValidationError("--retry-errors must be 0 or more.") }
        try SecondsOption.check(turnTimeout, "--turn-timeout", zeroAllowed: false)
        if let filter {
            do { _ = try Regex(filter) } catch {
                throw ValidationError("--filter '\(filter)' is not a regular expression.")
            }
        }
    }

    func run() async throws {
        ProcessSetup.ignoreBrokenPipeSignal()
        var diagnostics = Diagnostics(tool: "gemini-live-test", verbosity: verbosity.verbose)
        do {
            if stats {
                try LatencyStats.print(paths.isEmpty ? ["-"] : paths, diagnostics: diagnostics)
                return
            }
            let scenarios = try selectedScenarios()
            let target = try target()
            // The key and the --redact-env values never reach a cassette, stderr or a report.
            var redactor = SecretRedactor()
            if case .endpoint(let endpoint) = target { redactor.add(credentialsOf: endpoint) }
            let names = cassetteFlags.redactEnvironment
            redactor.add(environment: names, from: ProcessEnvironment.values(names))
            diagnostics.filter = { [redactor] line in redactor.redacting(line) }
            let reporter = diagnostics
            var runner = SuiteRunner(target: target, policy: policy())
            runner.redactor = redactor
            runner.media = cassetteFlags.media
            runner.caFile = connection.trustedCertificate
            runner.repeatCount = repeatCount ?? (replay == nil ? 1 : nil)
            runner.parallel = parallel
            runner.retryErrors = retryErrors
            runner.recordFolder = record
            runner.environment = ProcessEnvironment.values(SessionConfiguration.environmentNames)
            runner.turnTimeout = .milliseconds(Int(turnTimeout * 1000))
            runner.toolVersion = ToolVersion.current
            runner.report = { reporter.info($0) }
            // Opened before anything runs: a file that cannot be written stops the run before it costs anything.
            let resultsFile = try results.map { (path) throws(ToolError) in try ResultsFile(appendingTo: path) }
            let attempts = try await runner.run(scenarios) { result in
                reporter.info("\(result.scenarioPath) attempt \(result.attempt): \(result.outcome.name)")
                resultsFile?.append(result.resultsLine)
            }
            try resultsFile?.finish()
            let report = SuiteReport(scenarios: scenarios, attempts: attempts, gate: gate)
            for scenario in report.scenarios {
                for attempt in scenario.unfinishedAttempts {
                    if let detail = attempt.outcome.detail { diagnostics.error(detail) }
                }
            }
            if let junit { try ResultsFile.write(report.junitXML, to: junit) }
            do {
                try Descriptor.writeAll(Array((tap ? report.tap : report.summary).utf8), to: 1)
            } catch {
                throw ToolError(category: .write(errno: error.code), description: "stdout: \(error)")
            }
            throw ExitCode(report.outcome.exitCode)
        } catch {
            throw diagnostics.exit(reporting: error)
        }
    }

    /// The scenarios of the suites, read and filtered; the first invalid one ends the run (65).
    private func selectedScenarios() throws(ToolError) -> [Scenario] {
        var scenarios: [Scenario] = []
        var total = 0
        let pattern = filter.flatMap { try? Regex($0) }
        for file in try SuiteFiles.expand(paths, excluding: emulatorScript.map { [$0] } ?? []) {
            let scenario = try Scenario(contentsOfFile: file)
            total += 1
            if !tag.isEmpty, !scenario.tags.contains(where: tag.contains) { continue }
            if let pattern, !scenario.name.contains(pattern), !scenario.path.contains(pattern) { continue }
            scenarios.append(scenario)
        }
        // A mistyped tag must not pass a CI job by running nothing.
        guard !scenarios.isEmpty || (tag.isEmpty && filter == nil) else {
            let selection = (tag.map { "--tag \($0)" } + (filter.map { ["--filter \($0)"] } ?? [])).joined(
                separator: " ")
            throw ToolError(category: .usage, description: "no scenario matches \(selection) (of \(total) read)")
        }
        return scenarios
    }

    /// What the attempts talk to: a replay folder, a private emulator, or the endpoint of the flags.
    private func target() throws(ToolError) -> SuiteTarget {
        if let replay { return .replay(folder: replay, allowStale: allowStale) }
        if emulator {
            var configuration = EmulatorConfiguration()
            if let emulatorScript {
                do { configuration.script = try EmulatorScript(path: emulatorScript) } catch { throw ToolError(error) }
            }
            return .emulator(configuration)
        }
        var request = SessionRequest()
        connection.apply(to: &request)
        do {
            let resolved = try SessionConfiguration.resolve(
                request, stdinSetup: nil, environment: ProcessEnvironment.values(SessionConfiguration.environmentNames))
            return .endpoint(resolved.endpoint)
        } catch {
            throw ToolError(error)
        }
    }

    /// The session rules of the connection flags (retries, timeouts, pings); each scenario brings its setup.
    private func policy() -> SessionPolicy {
        var policy = SessionPolicy(setup: Setup(model: SetupOptions.defaultModel))
        connection.apply(to: &policy)
        return policy
    }
}

extension PassRateGate: ExpressibleByArgument {}
