import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSession
import GeminiLiveSystem

/// Runs one attempt of a scenario against an endpoint, in-process over the session library: an
/// `AttemptStateMachine` decides, this carries its actions out (the session's feed, timers as tasks, tool
/// commands on their own threads) and feeds it the session's events, in order, from one stream.
///
/// The session records every frame with its time into the cassette, so the attempt is judged from that file
/// alone and a replay of it is judged the same way.
public struct AttemptRunner: Sendable {
    /// Where to connect.
    public var endpoint: SessionEndpoint
    /// A PEM root certificate to trust.
    public var caFile: String?
    /// The session's rules (retries, timeouts); its setup is replaced by each plan's.
    public var policy: SessionPolicy
    /// Tells the user something about the attempt (`-v`).
    public var report: @Sendable (String) -> Void
    /// What the cassette must not hold: the key, `--redact-env` values, resumption handles.
    public var redactor = SecretRedactor()
    /// Where the cassette's audio and image payloads go (`--media-dir`); inline without.
    public var media: MediaFolder?

    /// A close reason the emulator's replay starts with when the client did something the cassette lacks.
    public static let divergencePrefix = "replay diverged"

    /// Creates a runner.
    public init(
        endpoint: SessionEndpoint, caFile: String? = nil, policy: SessionPolicy,
        report: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.endpoint = endpoint
        self.caFile = caFile
        self.policy = policy
        self.report = report
    }

    /// What the runner's loop waits for.
    private enum Input: Sendable {
        case session(SessionEvent)
        case timer(AttemptTimer)
        case toolAnswer(FunctionCall, JSONValue)
        case ended(SessionOutcome)
    }

    /// Runs `plan` once, writing the cassette to `cassette` with `header` first.
    ///
    /// A cassette that cannot be created is an output error for the whole run; everything that goes wrong on
    /// the wire is the attempt's outcome.
    public func run(_ plan: AttemptPlan, cassette: String, header: CassetteHeader) async throws(ToolError)
        -> AttemptRun
    {
        try await run(plan, cassette: cassette, header: header, clock: ContinuousClock(), cassetteTimers: nil)
    }

    /// Runs `plan` once against an emulator replaying `recording`: the attempt's timers run in the recording's
    /// time (`CassetteTimers`), so a barge-in's delay or a timeout costs no wall-clock wait.
    func run(_ plan: AttemptPlan, cassette: String, header: CassetteHeader, replaying recording: FrameRecording)
        async throws(ToolError) -> AttemptRun
    {
        let clock = CassetteClock()
        return try await run(
            plan, cassette: cassette, header: header, clock: clock,
            cassetteTimers: CassetteTimers(recording, clock: clock))
    }

    private func run<C: Clock>(
        _ plan: AttemptPlan, cassette: String, header: CassetteHeader, clock: C, cassetteTimers: CassetteTimers?
    ) async throws(ToolError) -> AttemptRun where C.Duration == Duration, C: Sendable {
        let started = ContinuousClock.now
        let recorder: SessionRecorder
        do {
            recorder = try SessionRecorder(path: cassette, header: header, redactor: redactor, media: media)
        } catch {
            throw ToolError(error)
        }
        let (inputs, continuation) = AsyncStream<Input>.makeStream()
        let feed = SessionFeed()
        var sessionPolicy = policy
        // The attempt ends the session itself; the session's own idle wait would only delay a silent one.
        sessionPolicy.idleTimeout = nil
        let report = self.report
        var driver = SessionDriver(
            policy: sessionPolicy, endpoint: endpoint, inputs: [], report: { text, _ in report(text) })
        driver.caFile = caFile
        driver.feed = feed
        driver.recorder = recorder
        driver.relaysToStdout = false
        driver.observer = { continuation.yield(.session($0)) }

        var machine = AttemptStateMachine(plan: plan, clock: clock)
        var cassetteTimers = cassetteTimers
        var timers: [Task<Void, Never>] = []
        var setupSeen = false
        var divergence: String?
        var sessionOutcome = SessionOutcome.success

        func perform(_ actions: [AttemptAction]) {
            for action in actions {
                switch action {
                case .connect(let setup):
                    cassetteTimers?.clientFrameWritten()
                    var session = driver
                    session.policy.setup = setup
                    timers.append(
                        Task {
                            let outcome = await session.run()
                            continuation.yield(.ended(outcome))
                        })
                case .send(let message):
                    if let outbound = OutboundMessage(message) {
                        cassetteTimers?.clientFrameWritten()
                        feed.send(outbound)
                    }
                case .runToolCommand(let command, let call):
                    cassetteTimers?.toolCommands += 1
                    BlockingThread.start {
                        let (status, output) = ToolCallCommand.run(command, input: ToolCallCommand.input(for: call))
                        if status != 0 {
                            report("tool_responses command for \(call.name ?? "?") exited with \(status)")
                        }
                        let response = ToolCallAnswer.response(
                            status: status, output: output, option: "tool_responses")
                        continuation.yield(.toolAnswer(call, response))
                    }
                case .startTimer(let timer, let delay):
                    cassetteTimers?.start(timer, after: delay)
                    // In a replay too: the wall clock bounds a cassette that never lets its timers fire.
                    timers.append(
                        Task {
                            try? await Task.sleep(for: delay)
                            continuation.yield(.timer(timer))
                        })
                case .report(let text):
                    report(text)
                case .close:
                    feed.close()
                }
            }
        }

        /// Fires the timers the cassette's time has reached.
        func fireCassetteTimers() {
            while let timer = cassetteTimers?.nextDue() { perform(machine.handle(.timerFired(timer))) }
        }

        perform(machine.start())
        loop: for await input in inputs {
            defer { fireCassetteTimers() }
            switch input {
            case .session(.serverMessage(_, let frame)):
                cassetteTimers?.serverFrameRead()
                // The session decodes frames without their model turn; the attempt needs it (audio, text).
                guard let json = try? JSONParser.parse(frame.line), let message = try? ServerMessage(json: json)
                else { continue }
                if case .setupComplete? = message.kind {
                    // A resumed connection sends another; the attempt goes on where it was.
                    if !setupSeen { perform(machine.handle(.sessionReady)) }
                    setupSeen = true
                    continue
                }
                perform(machine.handle(.serverMessage(message)))
            case .session(.socketClosed(_, _, let reason)):
                if reason.hasPrefix(Self.divergencePrefix) { divergence = reason }
            case .session:
                continue
            case .timer(let timer):
                perform(machine.handle(.timerFired(timer)))
            case .toolAnswer(let call, let response):
                cassetteTimers?.toolCommands -= 1
                perform(machine.handle(.toolCommandFinished(call: call, response: response)))
            case .ended(let outcome):
                // Once every turn is done, how the connection ends says nothing about the attempt (a server
                // may close first, as a replay of a recorded close does).
                sessionOutcome = machine.phase == .closing && outcome.category != .success ? .success : outcome
                _ = machine.handle(.sessionEnded)
                break loop
            }
        }
        continuation.finish()
        for timer in timers { timer.cancel() }

        let outcome: AttemptOutcome
        if let divergence {
            outcome = .diverged(divergence)
        } else if sessionOutcome.category != .success {
            outcome = .error(sessionOutcome.message ?? "the session failed (\(sessionOutcome.category))")
        } else if !setupSeen {
            outcome = .error("the connection closed before setupComplete")
        } else {
            outcome = .completed
        }
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return AttemptRun(outcome: outcome, statuses: machine.statuses, cassette: cassette, duration: seconds)
    }
}
