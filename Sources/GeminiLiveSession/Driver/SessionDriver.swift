import GeminiLiveProtocol

/// Runs a session for real: feeds the state machine events from the inputs, the socket and timers,
/// and carries out its actions, one at a time, each awaited.
public struct SessionDriver: Sendable {
    /// The session's rules.
    public var policy: SessionPolicy
    /// Where to connect.
    public var endpoint: SessionEndpoint
    /// A PEM root certificate to trust (`--ca-file`).
    public var caFile: String?
    /// Keepalive ping period; a pong may take up to this long (the service's take up to 30 s).
    public var pingInterval: Duration? = .seconds(45)
    /// Where client messages come from.
    public var inputs: [InputSource]
    /// How input lines are checked.
    public var validator = InputValidator()
    /// End at the first bad line instead of skipping it.
    public var strict = false
    /// Writes every frame to a cassette (`--record`).
    public var recorder: SessionRecorder?
    /// Answers tool calls with a command (`--on-tool-call`).
    public var toolCommand: ToolCallCommand?
    /// Stops the session from outside (signals).
    public var control: SessionControl?
    /// Prints a message on stderr; `important` ones always, the rest with `-v`.
    public var report: @Sendable (String, _ important: Bool) -> Void

    /// Creates a driver.
    public init(
        policy: SessionPolicy, endpoint: SessionEndpoint, inputs: [InputSource],
        report: @escaping @Sendable (String, _ important: Bool) -> Void
    ) {
        self.policy = policy
        self.endpoint = endpoint
        self.inputs = inputs
        self.report = report
    }

    /// Runs the session to its end.
    public func run() async -> SessionOutcome {
        let transport: SocketTransport
        do {
            transport = try SocketTransport(endpoint: endpoint, caFile: caFile, pingInterval: pingInterval)
        } catch {
            return SessionOutcome(.inputUnreadable, error.message)
        }
        return await withTaskExecutorPreference(transport.executor) { await run(transport) }
    }

    /// The event loop, on the transport's executor.
    private func run(_ transport: SocketTransport) async -> SessionOutcome {
        let events = EventQueue()
        control?.attach(events)
        defer { control?.finished() }
        let gate = InputGate()
        var machine = SessionStateMachine(policy: policy, clock: ContinuousClock())
        var stdout = LineWriter(fileDescriptor: 1)
        let report = self.report
        InputReader(sources: inputs, validator: validator, strict: strict) { report($0, true) }
            .start(events: events, gate: gate)
        var pending = machine.start()
        while true {
            for action in pending {
                switch action {
                case .connect(let id, let setup):
                    report("connection \(id): \(endpoint.url)", false)
                    recorder?.record(direction: "client", connection: id, frame: setup)
                    transport.open(id, setup: setup, events: events)
                case .send(let id, let frame):
                    recorder?.record(direction: "client", connection: id, frame: frame)
                    await transport.send(id, frame)
                case .writeStdout(let line):
                    guard !line.isEmpty else { continue }
                    do {
                        try stdout.write(line)
                    } catch {
                        if error != .brokenPipe { report("stdout: \(error)", true) }
                        events.pushNow(.outputClosed)
                    }
                case .closeSocket(let id, let code, let reason):
                    recorder?.record(close: id, code: code, reason: reason, direction: "client")
                    await transport.close(id, code: code, reason: reason)
                case .abortConnection(let id):
                    transport.abort(id)
                case .startTimer(let timer, let delay):
                    Task {
                        try? await Task.sleep(for: delay)
                        events.pushNow(.timerFired(timer))
                    }
                case .report(let text, let important):
                    report(text, important)
                case .exit(let outcome):
                    try? stdout.flush()
                    recorder?.finish()
                    return outcome
                }
            }
            gate.set(machine.acceptsInput)
            let event = await events.next()
            observe(event, events: events)
            pending = machine.handle(event)
        }
    }

    /// Side work on events the machine does not own: recording, tool commands, empty frames.
    private func observe(_ event: SessionEvent, events: EventQueue) {
        switch event {
        case .serverMessage(let id, let frame):
            if frame.line.isEmpty { report("connection \(id): a server frame that is not JSON was skipped", true) }
            recorder?.record(direction: "server", connection: id, frame: frame.line)
            guard let toolCommand, let message = frame.message else { return }
            switch message.kind {
            case .toolCall(let call): toolCommand.answer(call, events: events, report: report)
            case .toolCallCancellation(let cancellation): toolCommand.cancel(cancellation.ids)
            default: break
            }
        case .socketClosed(let id, let code, let reason):
            recorder?.record(close: id, code: code, reason: reason, direction: "server")
        case .socketDropped(let id, let reason), .connectRefused(let id, let reason, _):
            recorder?.record(close: id, code: nil, reason: reason, direction: "server")
        default:
            break
        }
    }
}
