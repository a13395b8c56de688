import GeminiLiveProtocol

/// The session's protocol logic as a value type: events in, actions out, time from an injected clock.
///
/// It owns the rules that keep a session alive: setup before anything else, the resumption handle,
/// the buffer of client messages not yet covered by a handle, the switch to a new connection on
/// `goAway`, retries with backoff on drops and 1011s, keepalive pings and their pong deadline, which TLS failures
/// are final, tool calls and their commands' answers, reconfiguration by a later `setup` line, and when to stop.
/// It opens no sockets, so every rule is testable with a hand-advanced clock.
public struct SessionStateMachine<C: Clock>: Sendable where C.Duration == Duration, C: Sendable {
    /// Where the session is.
    public enum Phase: Sendable, Equatable {
        /// `start()` not called yet.
        case idle
        /// A connection was asked for; waiting for it and for `setupComplete`.
        case connecting
        /// Setup done: client messages flow.
        case streaming
        /// `goAway` seen, or a setup line needs a new connection: sending paused, waiting for a fresh handle.
        case pausedForGoAway
        /// Our close is under way; a new connection follows.
        case closingForResume
        /// Backing off before the next attempt.
        case waitingToReconnect
        /// Our close is under way; the session ends after it.
        case closingToExit
        /// Over.
        case finished
    }

    /// The session's settings.
    public let policy: SessionPolicy
    let clock: C

    /// Where the session is.
    public internal(set) var phase: Phase = .idle
    /// The id of the current connection (1 for the first).
    public internal(set) var connection = 0
    /// The latest usable resumption handle.
    public internal(set) var handle: String?
    /// The setup the session runs with: the policy's, until a `setup` line replaces it.
    public internal(set) var setup: Setup
    /// A setup line's setup, waiting until the messages read before it (up to sequence `pendingSetupBoundary`)
    /// are sent.
    var pendingSetup: Setup?
    var pendingSetupBoundary = -1
    /// The pause for a fresh handle is for a setup line's new connection, not for a `goAway`.
    var switchingSetup = false
    /// Completed turns so far.
    public internal(set) var turnsCompleted = 0
    /// Connections that reached `setupComplete`.
    public internal(set) var sessionsEstablished = 0

    var buffer = ResendBuffer()
    var connectionOpen = false
    var sentOnConnection = 0
    var highestSentSequence = -1
    var lastSequence = -1
    var answeredSequence = -1
    var turnRequests = 0
    /// The sequence numbers of the sent turn requests no turn has answered yet, oldest first.
    var unansweredTurnRequests: [Int] = []
    /// Every message up to this sequence number was consumed: a turn answered a request at or after it.
    var consumedSequence = -1
    /// Completed turns that were not interrupted: only these answer an input.
    var answeredTurns = 0
    /// An `interrupted` came in the turn now in progress.
    var turnInterrupted = false
    var failures = 0
    var lastFailure = SessionOutcome(.unavailable)
    var inputEnded = false
    var outputClosed = false
    var evicted = 0
    /// Calls whose `--on-tool-call` command runs now; a cancelled one's answer is not sent.
    var runningToolCommands: Set<String> = []
    /// Commands running for calls without an id (Vertex AI's): answered by name, never cancelled.
    var runningUnnamedToolCommands = 0
    var cancelledToolCalls: Set<String> = []
    /// How many handles had been kept when each tool call arrived: a resumed session knows a call
    /// only if its handle is newer than the call.
    var toolCallHandleCount: [String: Int] = [:]
    var handlesKept = 0
    var pendingOutcome = SessionOutcome.success
    /// The payload of our ping still waiting for its pong, on the current connection.
    var unansweredPing: [UInt8]?
    var pingsSent: UInt64 = 0
    var timerGenerations: [SessionTimer.Kind: Int] = [:]
    var runningTimers: Set<SessionTimer.Kind> = []
    var lastServerActivity: C.Instant
    let origin: C.Instant

    /// Time since the machine was created.
    var elapsed: Duration { origin.duration(to: clock.now) }

    /// Creates a machine; call `start()` for the first actions.
    public init(policy: SessionPolicy, clock: C) {
        self.policy = policy
        self.clock = clock
        self.handle = policy.initialHandle
        self.setup = policy.setup
        self.lastServerActivity = clock.now
        self.origin = clock.now
    }

    /// Bytes of client messages held for re-sending.
    public var bufferedBytes: Int { buffer.bytes }
    /// Client messages held for re-sending.
    public var bufferedMessages: Int { buffer.count }

    /// Whether the driver should read more input now; false while the buffer is full and nothing can be sent.
    public var acceptsInput: Bool {
        switch phase {
        case .finished, .closingToExit: false
        case .streaming: true
        default: buffer.bytes < policy.bufferLimit
        }
    }

    /// Opens the first connection.
    public mutating func start() -> [SessionAction] {
        guard phase == .idle else { return [] }
        return connect()
    }

    /// Handles one event and returns what to do, in order.
    public mutating func handle(_ event: SessionEvent) -> [SessionAction] {
        guard phase != .finished, phase != .idle else { return [] }
        switch event {
        case .connected(let id):
            guard id == connection, phase == .connecting else { return [] }
            connectionOpen = true
            return policy.pingInterval.map { [startTimer(.ping, after: $0)] } ?? []
        case .pong(let id, let payload):
            if id == connection, payload == unansweredPing {
                unansweredPing = nil
                cancelTimer(.pongDeadline)
            }
            return []
        case .serverMessage(let id, let frame):
            guard id == connection else { return [] }
            return received(frame)
        case .unreadableServerFrame(let id, let count):
            guard id == connection else { return [] }
            lastServerActivity = clock.now
            // Nothing can be relayed of it, and one bad frame need not cost the conversation: skipped, said.
            return [
                .report(
                    "connection \(id): a server frame that is not JSON (\(count) bytes) was skipped", important: true)
            ]
        case .clientLine(let message):
            return accept(message)
        case .activityLine(let message, let origin):
            guard InputValidator.serverDetectsActivity(pendingSetup ?? setup) else { return accept(message) }
            return finish(SessionOutcome(.usage, "\(origin): \(InputValidator.activityMarkerConflict)"))
        case .setupLine(let newSetup):
            return reconfigure(newSetup)
        case .badInputLine(let text):
            return [.report(text + "; line skipped", important: true)]
        case .toolCommandFinished(let call, let status, let output):
            return toolCommandFinished(call, status: status, output: output)
        case .tlsFailed(let id, let failure):
            guard id == connection else { return [] }
            connectionOpen = false
            // An untrusted certificate stays untrusted: retrying cannot help. Other handshake failures are drops.
            let classification: CloseClassification = failure.isPermanent ? .fatal(.unavailable) : .retry
            let description =
                failure.isPermanent ? "connection \(id): \(failure.text)" : "connection \(id) lost: \(failure.text)"
            return failed(description, classification: classification, timedOut: false)
        case .socketClosed(let id, let code, let reason):
            guard id == connection else { return [] }
            return socketEnded(code: code, reason: reason)
        case .socketDropped(let id, let reason):
            guard id == connection else { return [] }
            return socketEnded(code: nil, reason: reason)
        case .connectRefused(let id, let reason, let kind):
            guard id == connection else { return [] }
            connectionOpen = false
            return failed("connection \(id): \(reason)", classification: .fatal(kind), timedOut: false)
        case .timerFired(let timer):
            guard runningTimers.contains(timer.kind), timerGenerations[timer.kind] == timer.generation else {
                return []
            }
            return fired(timer.kind)
        case .stdinEOF:
            inputEnded = true
            return phase == .streaming ? checkDone() : []
        case .inputFailed(let outcome):
            return finish(outcome)
        case .outputClosed:
            outputClosed = true
            return finish(.success)
        }
    }

    // MARK: - Connections

    mutating func connect() -> [SessionAction] {
        connection += 1
        connectionOpen = false
        cancelTimer(.ping)
        cancelTimer(.pongDeadline)
        unansweredPing = nil
        switchingSetup = false
        sentOnConnection = 0
        turnInterrupted = false
        buffer.resetForNewConnection()
        phase = .connecting
        let frame = policy.setupFrame(setup, handle: policy.resumption ? handle : nil)
        return [.connect(connection: connection, setup: frame), startTimer(.setup, after: policy.connectTimeout)]
    }

    /// Starts the handshake that ends the current connection, then `next` happens.
    mutating func close(thenExit: Bool) -> [SessionAction] {
        // Once our close is under way the server's close answers it, or the close timer ends it.
        cancelTimer(.ping)
        cancelTimer(.pongDeadline)
        cancelTimer(.handleWait)
        cancelTimer(.setup)
        cancelTimer(.idle)
        phase = thenExit ? .closingToExit : .closingForResume
        return [
            .closeSocket(connection: connection, code: 1000, reason: thenExit ? "" : "resuming on a new connection"),
            startTimer(.close, after: policy.closeTimeout),
        ]
    }

    /// Ends the session: through a clean close when a socket is open, at once otherwise.
    mutating func finish(_ outcome: SessionOutcome) -> [SessionAction] {
        switch phase {
        case .streaming, .pausedForGoAway:
            pendingOutcome = outcome
            return close(thenExit: true)
        case .connecting where connectionOpen:
            pendingOutcome = outcome
            return close(thenExit: true)
        case .closingToExit:
            if pendingOutcome.category == .success { pendingOutcome = outcome }
            return []
        case .connecting:
            return [.abortConnection(connection: connection)] + end(outcome)
        default:
            return end(outcome)
        }
    }

    mutating func end(_ outcome: SessionOutcome) -> [SessionAction] {
        phase = .finished
        runningTimers.removeAll()
        return [.exit(outcome)]
    }

    mutating func socketEnded(code: Int?, reason: String) -> [SessionAction] {
        connectionOpen = false
        cancelTimer(.close)
        switch phase {
        case .closingForResume:
            return connect()
        case .closingToExit:
            return end(pendingOutcome)
        case .connecting, .streaming, .pausedForGoAway:
            let description: String
            let classification: CloseClassification
            if let code {
                let shown = reason.isEmpty ? "(no reason given)" : reason
                description =
                    "connection \(connection) closed by the server: \(code) (\(CloseClassification.name(of: code))): \(shown)"
                classification = CloseClassification.of(code: code, reason: reason)
                if let refusal = SetupRefusal.of(
                    code: code, reason: reason, setup: setup,
                    beforeSetupComplete: phase == .connecting && sessionsEstablished == 0)
                {
                    return failed(
                        description + "; " + refusal.advice, classification: .fatal(refusal.category), timedOut: false)
                }
            } else {
                description = "connection \(connection) lost: \(reason)"
                classification = .retry
            }
            return failed(description, classification: classification, timedOut: false)
        default:
            return []
        }
    }

    mutating func failed(_ description: String, classification: CloseClassification, timedOut: Bool)
        -> [SessionAction]
    {
        cancelTimer(.setup)
        cancelTimer(.handleWait)
        cancelTimer(.idle)
        cancelTimer(.ping)
        cancelTimer(.pongDeadline)
        connectionOpen = false
        if case .fatal(let kind) = classification { return end(SessionOutcome(kind, description)) }
        if outputClosed { return end(.success) }
        guard policy.resumption || sessionsEstablished == 0 else {
            return end(
                SessionOutcome(.unavailable, description + "; resumption is off, so the session cannot continue"))
        }
        failures += 1
        lastFailure = SessionOutcome(timedOut ? .timeout : .unavailable, description)
        guard failures <= policy.maxRetries else {
            let attempts = failures == 1 ? "1 attempt" : "\(failures) attempts in a row"
            return end(SessionOutcome(lastFailure.category, "\(description); giving up after \(attempts)"))
        }
        phase = .waitingToReconnect
        let delay = backoff(failures)
        return [
            .report(
                "\(description); reconnecting in \(Self.seconds(delay)) (attempt \(failures) of \(policy.maxRetries))",
                important: true),
            startTimer(.backoff, after: delay),
        ]
    }

    func backoff(_ failures: Int) -> Duration {
        var delay = policy.backoffBase
        for _ in 1..<max(failures, 1) {
            delay = delay * 2
            if delay >= policy.backoffMax { return policy.backoffMax }
        }
        return min(delay, policy.backoffMax)
    }

    // MARK: - Timers

    mutating func startTimer(_ kind: SessionTimer.Kind, after delay: Duration) -> SessionAction {
        let generation = (timerGenerations[kind] ?? 0) + 1
        timerGenerations[kind] = generation
        runningTimers.insert(kind)
        return .startTimer(SessionTimer(kind: kind, generation: generation), after: delay)
    }

    mutating func cancelTimer(_ kind: SessionTimer.Kind) {
        runningTimers.remove(kind)
    }

    mutating func fired(_ kind: SessionTimer.Kind) -> [SessionAction] {
        runningTimers.remove(kind)
        switch (kind, phase) {
        case (.setup, .connecting):
            let limit = Self.seconds(policy.connectTimeout)
            let step = connectionOpen ? "no setupComplete" : "could not connect"
            return [.abortConnection(connection: connection)]
                + failed(
                    "connection \(connection): \(step) within \(limit) (--connect-timeout)", classification: .retry,
                    timedOut: true)
        case (.handleWait, .pausedForGoAway) where switchingSetup:
            return reconnectForNewSetup()
        case (.handleWait, .pausedForGoAway):
            let note =
                handle == nil
                ? "no resumption handle arrived after goAway; reconnecting without one (a new session)"
                : "no fresh resumption handle within the wait after goAway; resuming from the latest one"
            return [.report(note, important: true)] + close(thenExit: false)
        case (.backoff, .waitingToReconnect):
            return connect()
        case (.idle, .streaming):
            guard let idle = policy.idleTimeout else { return [] }
            let quiet = lastServerActivity.duration(to: clock.now)
            if quiet >= idle {
                return [.report("no server message for \(Self.seconds(idle)) after the end of input", important: false)]
                    + finish(.success)
            }
            return [startTimer(.idle, after: idle - quiet)]
        case (.idle, _):
            return policy.idleTimeout.map { [startTimer(.idle, after: $0)] } ?? []
        case (.ping, .connecting), (.ping, .streaming), (.ping, .pausedForGoAway):
            return keepalive()
        case (.pongDeadline, .connecting), (.pongDeadline, .streaming), (.pongDeadline, .pausedForGoAway):
            return pongOverdue()
        case (.close, .closingForResume), (.close, .closingToExit):
            return [.abortConnection(connection: connection)] + socketEnded(code: nil, reason: "close timed out")
        default:
            return []
        }
    }

    /// The ping timer ran out on an open connection: send the next ping, and give its pong a deadline.
    ///
    /// While a ping is still unanswered no other goes out: its deadline decides.
    mutating func keepalive() -> [SessionAction] {
        guard connectionOpen, let interval = policy.pingInterval else { return [] }
        guard unansweredPing == nil else { return [startTimer(.ping, after: interval)] }
        pingsSent += 1
        // Unique per ping, so a late pong for an earlier ping does not count for this one.
        let payload = withUnsafeBytes(of: pingsSent.bigEndian) { Array($0) }
        unansweredPing = payload
        return [
            .sendPing(connection: connection, payload: payload),
            startTimer(.pongDeadline, after: policy.pongTimeout ?? interval),
            startTimer(.ping, after: interval),
        ]
    }

    /// The pong is overdue. A connection whose pong is overdue hangs without telling (a dead NAT mapping, a
    /// stalled server): it is closed with 1001 and torn down at once, then counts as dropped, so the session
    /// resumes elsewhere.
    mutating func pongOverdue() -> [SessionAction] {
        guard connectionOpen, unansweredPing != nil, let interval = policy.pingInterval else { return [] }
        let limit = Self.milliseconds(policy.pongTimeout ?? interval)
        return [
            .closeSocket(connection: connection, code: 1001, reason: "ping timeout"),
            .abortConnection(connection: connection),
        ] + socketEnded(code: nil, reason: "no pong within \(limit) ms of a ping (--ping-interval)")
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = Self.milliseconds(duration)
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
