import GeminiLiveProtocol

/// One attempt of a scenario as a value type: events in, actions out, time from an injected clock.
///
/// It decides what the runner sends and when: the setup, then each turn's messages once the previous reply
/// is complete (or, for a turn with `at:`, that long after the named moment of the reply in progress: a
/// barge-in), the answers to tool calls from `tool_responses`, and the close after the last reply. A reply
/// that does not complete within the turn timeout ends the attempt; the turns after it are not run. It opens
/// no sockets and starts no processes, so every rule is testable with a hand-advanced clock.
///
/// Which reply a server message belongs to follows the protocol: after a barge-in into a reply still
/// arriving, that reply's remaining frames come first and end with its `turnComplete` (after `interrupted`
/// when it was cut); only then does the new turn's reply begin. A frame with content after `interrupted` is
/// taken as the new reply even if the cut one never completed, so a server that skips that `turnComplete`
/// does not stall the attempt.
public struct AttemptStateMachine<C: Clock>: Sendable where C.Duration == Duration, C: Sendable {
    /// Where the attempt is.
    public enum Phase: Sendable, Equatable {
        /// `start()` not called yet.
        case idle
        /// Waiting for `setupComplete`.
        case connecting
        /// Sending turns and waiting for replies.
        case running
        /// Every turn is done, or one timed out: waiting for the session to end.
        case closing
        /// Over.
        case finished
    }

    /// The attempt's inputs.
    public let plan: AttemptPlan
    let clock: C

    /// Where the attempt is.
    public private(set) var phase: Phase = .idle
    /// How far each turn got.
    public private(set) var statuses: [TurnStatus]
    /// The next turn to send.
    public private(set) var next = 0
    /// The turn whose reply is awaited.
    public private(set) var awaiting: Int?

    /// When `setupComplete` arrived.
    var setupAt: C.Instant?
    /// When each moment of the latest awaited reply happened (first occurrence only).
    var moments: [ReplyMoment: C.Instant] = [:]
    /// Replies cut by a barge-in whose `turnComplete` is still to come before the current reply's frames.
    var staleReplies = 0
    /// `interrupted` came for the oldest stale reply.
    var staleInterrupted = false
    /// The turn whose `at:` timer is running.
    var pendingStart: Int?
    var timeoutGeneration = 0
    /// Tool calls the server took back: their command results are not sent.
    var cancelledCalls: Set<String> = []

    /// Creates a machine; call `start()` for the first actions.
    public init(plan: AttemptPlan, clock: C) {
        self.plan = plan
        self.clock = clock
        statuses = Array(repeating: .notRun, count: plan.turns.count)
    }

    /// Opens the session.
    public mutating func start() -> [AttemptAction] {
        guard phase == .idle else { return [] }
        phase = .connecting
        return [.connect(plan.setup)]
    }

    /// Handles one event and returns what to do, in order.
    public mutating func handle(_ event: AttemptEvent) -> [AttemptAction] {
        switch event {
        case .sessionReady:
            guard phase == .connecting else { return [] }
            phase = .running
            setupAt = clock.now
            return advance()
        case .serverMessage(let message):
            guard phase == .running || phase == .closing else { return [] }
            return received(message)
        case .toolCommandFinished(let call, let response):
            guard phase == .running || phase == .closing else { return [] }
            if let id = call.id, cancelledCalls.contains(id) { return [] }
            return respond(to: call, with: response)
        case .timerFired(let timer):
            return fired(timer)
        case .sessionEnded:
            phase = .finished
            pendingStart = nil
            return []
        }
    }

    // MARK: - Sending turns

    /// Sends every turn that is due now, starts the timer of the next one that is due later, and closes once
    /// the last reply is in.
    mutating func advance() -> [AttemptAction] {
        var actions: [AttemptAction] = []
        while phase == .running, next < plan.turns.count {
            let turn = plan.turns[next]
            if let start = turn.start {
                guard let due = due(start) else {
                    // The moment has not come in the reply in progress: wait for it (or for its end).
                    return actions
                }
                let wait = clock.now.duration(to: due)
                if wait > .zero {
                    if pendingStart != next {
                        pendingStart = next
                        actions.append(.startTimer(AttemptTimer(kind: .startDelay, turn: next), after: wait))
                    }
                    return actions
                }
            } else if awaiting != nil {
                return actions
            }
            actions += send(next)
        }
        if phase == .running, next == plan.turns.count, awaiting == nil {
            phase = .closing
            actions.append(.close)
        }
        return actions
    }

    /// When a turn with `at:` is due; nil while the moment it waits for may still come.
    func due(_ start: ScenarioTurn.Start) -> C.Instant? {
        let delay = Duration.milliseconds(start.delayMilliseconds)
        if start.after == .setupComplete { return setupAt.map { $0.advanced(by: delay) } }
        if let moment = moments[start.after] { return moment.advanced(by: delay) }
        // No reply in progress, or it ended without that moment (no audio in a text reply): it cannot come.
        return awaiting == nil ? clock.now : nil
    }

    mutating func send(_ index: Int) -> [AttemptAction] {
        let turn = plan.turns[index]
        var actions: [AttemptAction] = []
        if turn.start != nil, awaiting == nil, let after = turn.start?.after, after != .setupComplete,
            moments[after] == nil
        {
            actions.append(.report("turn \(index + 1): the previous reply had no \(after.rawValue); sent after it"))
        }
        pendingStart = nil
        statuses[index] = .sent
        next = index + 1
        actions += turn.messages.map(AttemptAction.send)
        guard turn.awaitsReply else { return actions }
        if awaiting != nil {
            // A barge-in into a reply still arriving: that reply's frames come first.
            staleReplies += 1
        }
        awaiting = index
        moments = [:]
        actions.append(restartTimeout())
        return actions
    }

    mutating func restartTimeout() -> AttemptAction {
        timeoutGeneration += 1
        let timer = AttemptTimer(kind: .replyTimeout, turn: awaiting ?? 0, generation: timeoutGeneration)
        return .startTimer(timer, after: plan.turnTimeout)
    }

    mutating func fired(_ timer: AttemptTimer) -> [AttemptAction] {
        guard phase == .running else { return [] }
        switch timer.kind {
        case .startDelay:
            guard pendingStart == timer.turn, next == timer.turn else { return [] }
            pendingStart = nil
            return advance()
        case .replyTimeout:
            guard awaiting == timer.turn, timer.generation == timeoutGeneration else { return [] }
            statuses[timer.turn] = .timedOut
            awaiting = nil
            phase = .closing
            let seconds = plan.turnTimeout.components.seconds
            return [.report("turn \(timer.turn + 1): no complete reply within \(seconds) s; stopping"), .close]
        }
    }

    // MARK: - Server messages

    mutating func received(_ message: ServerMessage) -> [AttemptAction] {
        var actions: [AttemptAction] = []
        switch message.kind {
        case .toolCall(let call):
            for functionCall in call.functionCalls { actions += answer(functionCall) }
        case .toolCallCancellation(let cancellation):
            cancelledCalls.formUnion(cancellation.ids)
        default:
            break
        }
        let output = ReplyOutput(message)
        if staleReplies > 0 {
            if output.interrupted { staleInterrupted = true }
            if output.turnComplete {
                staleReplies -= 1
                staleInterrupted = false
                return actions
            }
            guard staleInterrupted, output.carriesContent else { return actions }
            // Content after `interrupted`: the cut reply will not complete; this is the new one.
            staleReplies = 0
            staleInterrupted = false
        }
        note(message, output)
        if output.turnComplete, let turn = awaiting {
            statuses[turn] = .answered
            awaiting = nil
            timeoutGeneration += 1
        }
        return actions + advance()
    }

    /// Keeps the first time of each moment of the current reply.
    mutating func note(_ message: ServerMessage, _ output: ReplyOutput) {
        let now = clock.now
        var seen: [ReplyMoment] = []
        if let text = message.serverContent?.inputTranscription?.text, !text.isEmpty {
            seen.append(.firstInputTranscript)
        }
        if !output.outputTranscript.isEmpty { seen.append(.firstOutputTranscript) }
        if output.hasAudio { seen.append(.firstAudio) }
        if !output.text.isEmpty { seen.append(.firstText) }
        if output.hasToolCall { seen.append(.toolCall) }
        if output.generationComplete { seen.append(.generationComplete) }
        if output.turnComplete { seen.append(.turnComplete) }
        for moment in seen where moments[moment] == nil { moments[moment] = now }
    }

    // MARK: - Tool calls

    /// Answers one call from `tool_responses`: at once for a result, through the I/O layer for a command, and
    /// with an error result when the scenario has no answer (so the model is not left waiting).
    mutating func answer(_ call: FunctionCall) -> [AttemptAction] {
        let name = call.name ?? ""
        let canned = plan.toolResponses.first { $0.function == name }
        switch canned?.answer(arguments: call.args) {
        case .result(let result)?:
            return respond(to: call, with: result)
        case .run(let command)?:
            return [.runToolCommand(command, call: call)]
        case .noMatch?:
            let problem = "no tool_responses case of \(name) matches the arguments \(call.args)"
            return [.report(problem)] + respond(to: call, with: ["error": .string(problem)])
        case nil:
            let problem = "no tool_responses entry for \(name)"
            return [.report(problem)] + respond(to: call, with: ["error": .string(problem)])
        }
    }

    /// Sends a `toolResponse` echoing the call's id; the reply's timeout starts again from it, since the
    /// model could not go on before it.
    mutating func respond(to call: FunctionCall, with result: JSONValue) -> [AttemptAction] {
        // The service wants a JSON object as the response; a command may print any value.
        let response: JSONValue
        if case .object = result { response = result } else { response = ["result": result] }
        let reply = FunctionResponse(id: call.id, name: call.name, response: response)
        var actions: [AttemptAction] = [
            .send(ClientMessage(.toolResponse(ToolResponse(functionResponses: [reply]))))
        ]
        if awaiting != nil, phase == .running { actions.append(restartTimeout()) }
        return actions
    }
}
