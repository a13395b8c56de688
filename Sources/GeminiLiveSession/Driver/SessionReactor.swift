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
final class SessionReactor: @unchecked Sendable {
    // @unchecked: after `init`, every property is touched on `loop` only; `start`, `handle` and
    // `updateGate`, which every closure goes through, check it.
    private let driver: SessionDriver
    private let transport: SocketTransport
    private let loop: any EventLoop
    private let finished: EventLoopPromise<SessionOutcome>
    private let gate = InputGate()
    private var machine: SessionStateMachine<ContinuousClock>
    private var stdout: StdoutWriter!
    private var stdoutGone = false
    private var events: EventQueue?
    /// The inputs read on the loop, paused (autoRead off) while the gate is closed.
    private var inputChannels: [any Channel] = []
    private var inputsReading = true
    /// Events raised while an event is being handled (a write that fails at once reports the socket's end):
    /// handled next, so the machine never sees an event in the middle of another.
    private var backlog = CircularBuffer<SessionEvent>()
    private var handling = false
    private var ended = false

    init(driver: SessionDriver, transport: SocketTransport, finished: EventLoopPromise<SessionOutcome>) {
        self.driver = driver
        self.transport = transport
        self.loop = transport.loop
        self.finished = finished
        machine = SessionStateMachine(policy: driver.policy, clock: ContinuousClock())
        stdout = StdoutWriter { error in self.loop.execute { self.stdoutFailed(error) } }
    }

    /// stdout cannot take more: say why unless the reader just went away, then end. Said once, though both
    /// the writer's thread and a later write on the loop may meet the same failure.
    private func stdoutFailed(_ error: LineWriterError) {
        loop.preconditionInEventLoop()
        guard !stdoutGone, !ended else { return }
        stdoutGone = true
        if error != .brokenPipe { driver.report("stdout: \(error)", true) }
        handle(.outputClosed)
    }

    /// Starts the inputs and the first connection; call on the loop.
    func start() {
        loop.preconditionInEventLoop()
        let events = EventQueue(loop: loop) { self.handle($0) }
        self.events = events
        driver.control?.attach(events)
        // The machine first: a pipe input may deliver lines as soon as it is registered.
        perform(machine.start())
        startInputs(events: events)
        updateGate()
    }

    /// Starts reading every input: pipes and FIFOs on the loop, anything else on a thread of its own.
    private func startInputs(events: EventQueue) {
        let report = driver.report
        let intake = InputReader(validator: driver.sessionValidator, strict: driver.strict) { report($0, true) }
        let remaining = Atomic<Int>(driver.inputs.count)
        // Queued behind any lines a thread still has in the queue, so input order holds.
        let ended: @Sendable () -> Void = {
            if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { events.pushNow(.stdinEOF) }
        }
        if driver.inputs.isEmpty { events.pushNow(.stdinEOF) }
        for source in driver.inputs {
            guard source.isStream else {
                intake.startThread(source, events: events, gate: gate, ended: ended)
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
                        intake.startThread(source, events: events, gate: self.gate, ended: ended)
                    }
                }
        }
    }

    /// Handles one event; call on the loop.
    func handle(_ event: SessionEvent) {
        loop.preconditionInEventLoop()
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
        loop.preconditionInEventLoop()
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
                guard !line.isEmpty else { continue }
                do {
                    // Queued while the reader lags (input keeps flowing); past the cushion, this waits.
                    try stdout.write(line)
                } catch {
                    stdoutFailed(error)
                }
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
                    try stdout.finish()
                } catch {
                    // Lines still queued for a lagging reader could not all be written.
                    if error != .brokenPipe, !stdoutGone { driver.report("stdout: \(error)", true) }
                }
                stdout.stop()
                driver.recorder?.finish()
                ended = true
                backlog.removeAll()
                driver.control?.finished()
                finished.succeed(outcome)
                return
            }
        }
    }

    /// Side work on events the machine does not own: recording, tool commands, empty frames.
    private func observe(_ event: SessionEvent) {
        switch event {
        case .serverMessage(let id, let frame):
            if frame.line.isEmpty {
                driver.report("connection \(id): a server frame that is not JSON was skipped", true)
            }
            driver.recorder?.record(direction: "server", connection: id, frame: frame.line)
            guard let toolCommand = driver.toolCommand, let message = frame.message, let events else { return }
            switch message.kind {
            case .toolCall(let call): toolCommand.answer(call, events: events, report: driver.report)
            case .toolCallCancellation(let cancellation): toolCommand.cancel(cancellation.ids)
            default: break
            }
        case .socketClosed(let id, let code, let reason):
            driver.recorder?.record(close: id, code: code, reason: reason, direction: "server")
        case .socketDropped(let id, let reason), .connectRefused(let id, let reason, _):
            driver.recorder?.record(close: id, code: nil, reason: reason, direction: "server")
        default:
            break
        }
    }
}
