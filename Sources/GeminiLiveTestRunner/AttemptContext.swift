import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSession
import GeminiLiveSystem

/// What one attempt of a suite run needs, shared by every job of the run's queue.
struct AttemptContext: Sendable {
    let runner: SuiteRunner
    let scenarios: [Scenario]
    let plans: [AttemptPlan]
    let fingerprints: [String]
    let recording: CassetteLayout
    /// The endpoint of the service or the shared emulator; nil for replay (one emulator per attempt).
    let endpoint: SessionEndpoint?

    /// Runs attempt `number` of scenario `index`, re-running it after transport errors as allowed.
    func run(_ index: Int, attempt number: Int) async -> Result<AttemptResult, ToolError> {
        do throws(ToolError) {
            return .success(try await attempt(index, number))
        } catch {
            return .failure(error)
        }
    }

    private func attempt(_ index: Int, _ number: Int) async throws(ToolError) -> AttemptResult {
        let scenario = scenarios[index]
        let cassette = recording.cassette(of: scenario, attempt: number)
        var retries = 0
        while true {
            let run: AttemptRun
            if case .replay(let folder, let allowStale) = runner.target {
                let source = CassetteLayout(root: folder, scenarios: scenarios).cassette(of: scenario, attempt: number)
                let hash = try Self.header(of: source)?.scenarioHash
                if hash != fingerprints[index], !allowStale {
                    let detail =
                        "\(source): recorded for another version of \(scenario.path) (scenario hash \(hash ?? "missing"), now \(fingerprints[index])); re-record it with --record, or pass --allow-stale"
                    return AttemptResult(
                        scenarioPath: scenario.path, scenarioName: scenario.name, attempt: number,
                        outcome: .stale(detail), cassette: source)
                }
                // Read once: the emulator replays its frames, the runner's timers follow its times.
                let recording = try FrameRecording(contentsOfFile: source)
                let replay = ReplayConfiguration(replaying: recording, from: source)
                let emulator = try await PrivateEmulator.start(replay.configuration)
                defer { emulator.stop() }
                var policy = runner.policy
                // A divergence closes with 1011: retrying would only diverge again.
                policy.maxRetries = 0
                let replayEndpoint = try SuiteRunner.endpoint(emulator.url)
                var replayed = try await attemptRunner(replayEndpoint, policy: policy).run(
                    plans[index], cassette: cassette, header: header(index, endpoint: replayEndpoint),
                    replaying: recording)
                // The close reason is cut to 123 bytes; the emulator's own account has both values in full.
                if let divergence = replay.diverged { replayed.outcome = .diverged("\(source): \(divergence)") }
                // Judged from the recorded cassette, in its time: the replay showed the client still does what was
                // recorded, so the recording's verdicts and latencies are the ones to report, equal to the live
                // run's by construction (the replay's own frames came as fast as the client went).
                replayed.cassette = source
                run = replayed
            } else {
                let endpoint = self.endpoint!
                run = try await attemptRunner(endpoint, policy: runner.policy).run(
                    plans[index], cassette: cassette, header: header(index, endpoint: endpoint))
            }
            if case .error(let reason) = run.outcome, retries < runner.retryErrors {
                retries += 1
                runner.report(
                    "\(scenario.path) attempt \(number): \(reason); running it again (\(retries) of \(runner.retryErrors))"
                )
                continue
            }
            return try await judged(run, of: index, attempt: number, written: cassette)
        }
    }

    private func attemptRunner(_ endpoint: SessionEndpoint, policy: SessionPolicy) -> AttemptRunner {
        let report = runner.report
        var attemptRunner = AttemptRunner(endpoint: endpoint, caFile: runner.caFile, policy: policy) { text in
            report(text)
        }
        attemptRunner.redactor = runner.redactor
        attemptRunner.media = runner.media
        return attemptRunner
    }

    /// The header of a cassette this run writes for scenario `index` against `endpoint`.
    private func header(_ index: Int, endpoint: SessionEndpoint) -> CassetteHeader {
        CassetteHeader(
            tool: runner.toolVersion, endpoint: endpoint, setup: plans[index].setup, scenario: scenarios[index].path,
            scenarioHash: fingerprints[index])
    }

    /// A cassette's header, read from its first line only: the frames are the emulator's to read.
    static func header(of cassette: String) throws(ToolError) -> CassetteHeader? {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(cassette)
        } catch {
            throw ToolError(error)
        }
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        return try FrameRecording(ndjson: Array(bytes[..<end]), source: cassette).header
    }
}
