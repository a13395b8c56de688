import GeminiLiveProtocol
import NIOCore

/// Runs a session on the socket's event loop: every event goes through the state machine at once, and
/// its actions are carried out synchronously, in order.
///
/// Server frames arrive from the connection's `channelRead` and client frames leave by a direct pipeline
/// write, both on the loop's thread: a message crosses the relay without waking another thread. Events
/// from elsewhere (input readers, tool commands, signals) come through the `EventQueue`, timers as the
/// loop's scheduled tasks.
final class SessionReactor: @unchecked Sendable {
    // @unchecked: after `init`, every property is touched on `loop` only.
    private let driver: SessionDriver
    private let transport: SocketTransport
    private let loop: any EventLoop
    private let finished: EventLoopPromise<SessionOutcome>
    private let gate = InputGate()
    private var machine: SessionStateMachine<ContinuousClock>
    private var stdout = LineWriter(fileDescriptor: 1)
    private var events: EventQueue?
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
    }

    /// Starts the inputs and the first connection; call on the loop.
    func start() {
        let events = EventQueue(loop: loop) { self.handle($0) }
        self.events = events
        driver.control?.attach(events)
        let report = driver.report
        InputReader(sources: driver.inputs, validator: driver.validator, strict: driver.strict) { report($0, true) }
            .start(events: events, gate: gate)
        perform(machine.start())
        updateGate()
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
        gate.set(machine.acceptsInput && transport.isWritable(machine.connection))
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
                    // Blocking: while stdout's reader lags, the loop reads no more from the socket.
                    try stdout.write(line)
                } catch {
                    if error != .brokenPipe { driver.report("stdout: \(error)", true) }
                    handle(.outputClosed)
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
                try? stdout.flush()
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
