import GeminiLiveProtocol
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a session on the socket's event loop: every event goes through the state machine at once, and
/// its actions are carried out synchronously, in order.
///
/// Server frames arrive from the connection's `channelRead` and client frames leave by a direct pipeline
/// write, both on the loop's thread: a message crosses the relay without waking another thread. Pipe and
/// FIFO inputs are read on the loop too (`InputPipeHandler`). Events from elsewhere (file inputs' threads,
/// tool commands, signals) come through the `EventQueue`, timers as the loop's scheduled tasks.
final class SessionReactor: Sendable {
    /// What only the loop touches. `state` checks that it is on the loop at every access, which is what makes
    /// the reactor Sendable: the closures that NIO, the queue and the writer thread hold all capture it.
    private struct LoopState {
        let transport: SocketTransport
        var machine: SessionStateMachine<ContinuousClock>
        var stdoutGone = false
        var events: EventQueue?
        /// The inputs read on the loop, paused (autoRead off) while the gate is closed.
        var inputChannels: [any Channel] = []
        var inputsReading = true
        /// Events raised while an event is being handled (a write that fails at once reports the socket's end):
        /// handled next, so the machine never sees an event in the middle of another.
        var backlog = CircularBuffer<SessionEvent>()
        var handling = false
        var ended = false
    }

    private let driver: SessionDriver
    private let loop: any EventLoop
    private let finished: EventLoopPromise<SessionOutcome>
    private let gate = InputGate()
    /// nil when the session's output goes only to an observer: no writer thread, stdout untouched.
    private let stdout: StdoutWriter?
    private let state: NIOLoopBoundBox<LoopState>

    /// Creates the reactor off the loop; `transport` moves into the loop's state and is used there only.
    init(driver: SessionDriver, transport: sending SocketTransport, finished: EventLoopPromise<SessionOutcome>) {
        let loop = transport.loop
        self.driver = driver
        self.loop = loop
        self.finished = finished
        stdout = driver.relaysToStdout ? StdoutWriter() : nil
        let machine = SessionStateMachine(policy: driver.machinePolicy, clock: ContinuousClock())
        state = .makeBoxSendingValue(LoopState(transport: transport, machine: machine), eventLoop: loop)
    }

    // The state's fields as properties, each access checked by `state`; `_modify` changes them in place, so
    // the machine's buffers are never copied.
    private var transport: SocketTransport { state.value.transport }
    private var machine: SessionStateMachine<ContinuousClock> {
        get { state.value.machine }
        _modify { yield &state.value.machine }
    }
    private var stdoutGone: Bool {
        get { state.value.stdoutGone }
        set { state.value.stdoutGone = newValue }
    }
    private var events: EventQueue? {
        get { state.value.events }
        set { state.value.events = newValue }
    }
    private var inputChannels: [any Channel] {
        get { state.value.inputChannels }
        _modify { yield &state.value.inputChannels }
    }
    private var inputsReading: Bool {
        get { state.value.inputsReading }
        set { state.value.inputsReading = newValue }
    }
    private var backlog: CircularBuffer<SessionEvent> {
        get { state.value.backlog }
        _modify { yield &state.value.backlog }
    }
    private var handling: Bool {
        get { state.value.handling }
        set { state.value.handling = newValue }
    }
    private var ended: Bool {
        get { state.value.ended }
        set { state.value.ended = newValue }
    }

    /// stdout cannot take more: say why unless the reader just went away, then end. Said once, though both
    /// the writer's thread and a later write on the loop may meet the same failure.
    private func stdoutFailed(_ error: LineWriterError) {
        guard !stdoutGone, !ended else { return }
        stdoutGone = true
        if error != .brokenPipe { driver.report("stdout: \(error)", true) }
        handle(.outputClosed)
    }

    /// Starts the inputs and the first connection; call on the loop.
    func start() {
        stdout?.reportFailures { error in self.loop.execute { self.stdoutFailed(error) } }
        let events = EventQueue(loop: loop) { self.handle($0) }
        self.events = events
        driver.control?.attach(events)
        driver.feed?.attach(events)
        // The machine first: a pipe input may deliver lines as soon as it is registered.
        perform(machine.start())
        startInputs(events: events)
        updateGate()
    }

    /// Starts reading every input: pipes and FIFOs on the loop, anything else on a thread of its own.
    private func startInputs(events: EventQueue) {
        let intake = driver.intake
        let reader = InputReader(intake: intake)
        let remaining = Atomic<Int>(driver.inputs.count)
        // Queued behind any lines a thread still has in the queue, so input order holds.
        let ended: @Sendable () -> Void = {
            if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { events.pushNow(.stdinEOF) }
        }
        if driver.inputs.isEmpty, driver.feed == nil { events.pushNow(.stdinEOF) }
        for source in driver.inputs {
            guard source.isStream else {
                reader.startThread(source, events: events, gate: gate, ended: ended)
                continue
            }
            let handler = NIOLoopBound(
                InputPipeHandler(source: source, intake: intake, deliver: { self.handle($0) }, ended: ended),
                eventLoop: loop)
            let descriptor = dup(source.fileDescriptor)
            NIOPipeBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(handler.value)
                    }
                }
                .takingOwnershipOfDescriptor(input: descriptor)
                .whenComplete { result in
                    switch result {
                    case .success(let channel):
                        self.inputChannels.append(channel)
                        if !self.inputsReading { channel.setOption(.autoRead, value: false).whenComplete { _ in } }
                    case .failure:
                        // The loop cannot watch it after all: read it on a thread like a file.
                        close(descriptor)
                        reader.startThread(source, events: events, gate: self.gate, ended: ended)
                    }
                }
        }
    }

    /// Handles one event; call on the loop.
    func handle(_ event: SessionEvent) {
        guard !ended else { return }
        if handling {
            backlog.append(event)
            return
        }
        handling = true
        observe(event)
        perform(machine.handle(event))
        while !ended, let next = backlog.popFirst() {
            observe(next)
            perform(machine.handle(next))
        }
        handling = false
        updateGate()
    }

    private func updateGate() {
        let open = machine.acceptsInput && transport.isWritable(machine.connection)
        gate.set(open)
        guard open != inputsReading else { return }
        inputsReading = open
        for channel in inputChannels { channel.setOption(.autoRead, value: open).whenComplete { _ in } }
    }

    private func perform(_ actions: [SessionAction]) {
        for action in actions {
            switch action {
            case .connect(let id, let setup):
                driver.report("connection \(id): \(driver.endpoint.url)", false)
                driver.recorder?.record(direction: "client", connection: id, frame: setup)
                transport.open(
                    id, setup: setup, deliver: { self.handle($0) }, writabilityChanged: { self.updateGate() })
            case .send(let id, let frame):
                driver.recorder?.record(direction: "client", connection: id, frame: frame)
                transport.send(id, frame)
            case .writeStdout(let line):
                guard let stdout else { continue }
                do {
                    // Queued while the reader lags (input keeps flowing); past the cushion, this waits.
                    try stdout.write(line)
                } catch {
                    stdoutFailed(error)
                }
            case .sendPing(let id, let payload):
                transport.ping(id, payload: payload)
            case .runToolCommand(let call):
                guard let toolCommand = driver.toolCommand, let events else { continue }
                toolCommand.start(call, events: events)
            case .closeSocket(let id, let code, let reason):
                driver.recorder?.record(close: id, code: code, reason: reason, direction: "client")
                transport.close(id, code: code, reason: reason)
            case .abortConnection(let id):
                transport.abort(id)
            case .startTimer(let timer, let delay):
                loop.scheduleTask(in: .nanoseconds(WebSocketConnection.nanoseconds(delay))) {
                    self.handle(.timerFired(timer))
                }
            case .report(let text, let important):
                driver.report(text, important)
            case .exit(let outcome):
                do {
                    try stdout?.finish()
                } catch {
                    // Lines still queued for a lagging reader could not all be written.
                    if error != .brokenPipe, !stdoutGone { driver.report("stdout: \(error)", true) }
                }
                stdout?.stop()
                driver.recorder?.finish()
                ended = true
                backlog.removeAll()
                driver.control?.finished()
                finished.succeed(outcome)
                return
            }
        }
    }

    /// Side work on events, before the machine sees them: the observer and the cassette.
    private func observe(_ event: SessionEvent) {
        switch event {
        case .serverMessage, .socketClosed, .socketDropped, .tlsFailed, .connectRefused: driver.observer?(event)
        default: break
        }
        switch event {
        case .serverMessage(let id, let frame):
            driver.recorder?.record(direction: "server", connection: id, frame: frame.line)
        case .socketClosed(let id, let code, let reason):
            driver.recorder?.record(close: id, code: code, reason: reason, direction: "server")
        case .socketDropped(let id, let reason), .connectRefused(let id, let reason, _):
            driver.recorder?.record(close: id, code: nil, reason: reason, direction: "server")
        case .tlsFailed(let id, let failure):
            driver.recorder?.record(close: id, code: nil, reason: failure.text, direction: "server")
        default:
            break
        }
    }
}
