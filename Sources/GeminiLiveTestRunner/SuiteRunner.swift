import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSession
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Runs every attempt of a suite: `repeat` attempts per scenario, interleaved from one queue (a slow minute
/// then shows across all scenarios instead of as one scenario's regression), `parallel` at a time, each
/// errored attempt re-run up to `retryErrors` times (failed expectations never are).
public struct SuiteRunner: Sendable {
    /// What the attempts talk to.
    public var target: SuiteTarget
    /// The session's rules for every attempt (retries, timeouts, pings).
    public var policy: SessionPolicy
    /// A PEM root certificate to trust.
    public var caFile: String?
    /// Attempts per scenario; nil replays every cassette a scenario has (`--replay`), else means 1.
    public var repeatCount: Int?
    /// Attempts at a time.
    public var parallel = 1
    /// Re-runs of an attempt that ended in a transport error.
    public var retryErrors = 0
    /// Where to keep the cassettes (`--record DIR`); nil keeps them in a temporary folder removed at the end.
    public var recordFolder: String?
    /// `GEMINI_LIVE_MODEL` and friends.
    public var environment: [String: String] = [:]
    /// The bound on one reply.
    public var turnTimeout = AttemptPlan.defaultTurnTimeout
    /// The version written into cassette headers.
    public var toolVersion = ""
    /// Tells the user something (`-v`).
    public var report: @Sendable (String) -> Void = { _ in }
    /// What no cassette may hold: the key, `--redact-env` values, resumption handles.
    public var redactor = SecretRedactor()
    /// Where the cassettes' audio and image payloads go (`--media-dir`), shared by all: content addresses make
    /// one file of a question every attempt sends.
    public var media: MediaFolder?

    /// Creates a runner.
    public init(target: SuiteTarget, policy: SessionPolicy) {
        self.target = target
        self.policy = policy
    }

    private struct Job: Sendable {
        let scenario: Int
        let attempt: Int
    }

    /// Runs the suite; `finished` gets every attempt's result as soon as it is judged (for `--results`).
    ///
    /// Every scenario is prepared (files read, audio encoded, fingerprint taken) before anything connects, so
    /// an invalid scenario stops the run at once; so does a cassette that cannot be written or read.
    public func run(
        _ scenarios: [Scenario], finished: @escaping @Sendable (AttemptResult) -> Void = { _ in }
    ) async throws(ToolError) -> [AttemptResult] {
        var plans: [AttemptPlan] = []
        var fingerprints: [String] = []
        for scenario in scenarios {
            plans.append(try AttemptPlan(scenario: scenario, environment: environment, turnTimeout: turnTimeout))
            fingerprints.append(try scenario.fingerprint())
        }
        var scratch: String?
        let recording: CassetteLayout
        if let recordFolder {
            recording = CassetteLayout(root: recordFolder, scenarios: scenarios)
        } else {
            let folder = try Self.temporaryFolder()
            scratch = folder
            recording = CassetteLayout(root: folder, scenarios: scenarios)
        }
        defer { if let scratch { Self.remove(scratch) } }
        for scenario in scenarios { try Self.makeFolder(recording.folder(of: scenario)) }

        var emulator: PrivateEmulator?
        let endpoint: SessionEndpoint?
        switch target {
        case .endpoint(let given):
            endpoint = given
        case .emulator(let configuration):
            let started = try await PrivateEmulator.start(configuration)
            emulator = started
            endpoint = try Self.endpoint(started.url)
        case .replay:
            endpoint = nil
        }
        defer { emulator?.stop() }

        var jobs: [Job] = []
        let counts = try scenarios.indices.map { (index) throws(ToolError) in try attemptCount(of: scenarios[index]) }
        for attempt in 1...max(counts.max() ?? 1, 1) {
            for index in scenarios.indices where attempt <= counts[index] {
                jobs.append(Job(scenario: index, attempt: attempt))
            }
        }

        let context = AttemptContext(
            runner: self, scenarios: scenarios, plans: plans, fingerprints: fingerprints, recording: recording,
            endpoint: endpoint)
        var results: [AttemptResult] = []
        let outcomes = await withTaskGroup(of: Result<AttemptResult, ToolError>.self) { group in
            var pending = jobs[...]
            var collected: [Result<AttemptResult, ToolError>] = []
            for _ in 0..<max(parallel, 1) {
                guard let job = pending.popFirst() else { break }
                group.addTask { await context.run(job.scenario, attempt: job.attempt) }
            }
            while let outcome = await group.next() {
                collected.append(outcome)
                if case .success(let result) = outcome { finished(result) }
                if case .failure = outcome {
                    // A cassette that cannot be written or read stops the run: nothing after it could be kept.
                    group.cancelAll()
                    pending = []
                    continue
                }
                if let job = pending.popFirst() {
                    group.addTask { await context.run(job.scenario, attempt: job.attempt) }
                }
            }
            return collected
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let result): results.append(result)
            case .failure(let error): throw error
            }
        }
        return results
    }

    /// How many attempts a scenario gets: `repeatCount`, or for a replay without one, its cassettes.
    private func attemptCount(of scenario: Scenario) throws(ToolError) -> Int {
        if let repeatCount { return repeatCount }
        guard case .replay(let folder, _) = target else { return 1 }
        let layout = CassetteLayout(root: folder, scenarios: [scenario])
        var count = 0
        while access(layout.cassette(of: scenario, attempt: count + 1), F_OK) == 0 { count += 1 }
        guard count > 0 else {
            throw ToolError(
                category: .noInput,
                description:
                    "\(layout.cassette(of: scenario, attempt: 1)): no cassette for \(scenario.path) (record it with --record)"
            )
        }
        return count
    }

    static func endpoint(_ url: String) throws(ToolError) -> SessionEndpoint {
        do {
            return try SessionEndpoint.resolve(endpoint: url, apiVersion: nil, key: nil)
        } catch {
            throw ToolError(error)
        }
    }

    /// Creates `path` and the folders above it that are missing, like `mkdir -p`.
    static func makeFolder(_ path: String) throws(ToolError) {
        do {
            try Folder.create(path)
        } catch {
            throw ToolError(category: .cannotCreate, description: "\(path): \(error)")
        }
    }

    static func temporaryFolder() throws(ToolError) -> String {
        let base = ProcessEnvironment.values(["TMPDIR"])["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/gemini-live-test-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw ToolError(category: .cannotCreate, description: "\(base): \(SystemCallError.current)")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Removes a folder tree this run created (cassettes and their folders only).
    static func remove(_ path: String) {
        guard let directory = opendir(path) else {
            unlink(path)
            return
        }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            let child = "\(path)/\(name)"
            if entry.pointee.d_type == UInt8(DT_DIR) { remove(child) } else { unlink(child) }
        }
        closedir(directory)
        rmdir(path)
    }
}
