import GeminiLiveProtocol

extension SessionStateMachine {
    /// One server message: written out as it came, then acted on.
    mutating func received(_ frame: ServerFrame) -> [SessionAction] {
        var actions: [SessionAction] = outputClosed ? [] : [.writeStdout(frame.line)]
        lastServerActivity = clock.now
        guard let message = frame.message else { return actions }
        switch message.kind {
        case .setupComplete:
            guard phase == .connecting else { break }
            actions += established()
        case .sessionResumptionUpdate(let update):
            actions += resumptionUpdate(update)
        case .goAway(let goAway):
            guard phase == .streaming, policy.resumption else { break }
            phase = .pausedForGoAway
            var wait = policy.handleWait
            if let left = goAway.timeLeftSeconds {
                wait = min(wait, max(.milliseconds(Int((left - 1) * 1000)), .milliseconds(200)))
            }
            actions.append(
                .report(
                    "goAway (time left \(goAway.timeLeft ?? "unknown")): pausing input until a fresh resumption handle",
                    important: false))
            actions.append(startTimer(.handleWait, after: wait))
        case .toolCall(let call):
            for id in call.functionCalls.compactMap(\.id) { toolCallHandleCount[id] = handlesKept }
            if policy.runsToolCommands { actions += runToolCommands(call) }
        case .toolCallCancellation(let cancellation):
            cancelToolCommands(cancellation.ids)
        case .serverContent(let content):
            if content.interrupted == true { turnInterrupted = true }
            // A turn the model completes while its task goes on (interactionStatus IN_PROGRESS) answers nothing
            // yet: the drain and --turns wait for the one that ends the task.
            guard content.endsInteraction else { break }
            turnsCompleted += 1
            failures = 0
            // The input that interrupted a turn is answered by a later turn, never by the cut one.
            if turnInterrupted {
                turnInterrupted = false
            } else {
                answeredTurns += 1
                answeredSequence = highestSentSequence
                // The server reads input in order: answering a request means everything up to it was read.
                if !unansweredTurnRequests.isEmpty {
                    consumedSequence = max(consumedSequence, unansweredTurnRequests.removeFirst())
                }
            }
            if let turns = policy.turns, turnsCompleted >= turns {
                actions += finish(.success)
            } else if inputEnded, phase == .streaming {
                actions += checkDone()
            }
        default:
            break
        }
        return actions
    }

    /// `setupComplete`: send what waited, re-sending what no handle covers.
    mutating func established() -> [SessionAction] {
        cancelTimer(.setup)
        phase = .streaming
        sessionsEstablished += 1
        var actions: [SessionAction] = []
        if sessionsEstablished > 1 { actions += dropAnswersToUnknownCalls() }
        let positions = buffer.unsentPositions
        let resent = positions.filter { buffer[$0].sequence <= highestSentSequence }.count
        if sessionsEstablished > 1 {
            var note = "resumed on connection \(connection)"
            note += handle == nil ? " as a new session" : " with the latest handle"
            note += "; re-sending \(resent) message\(resent == 1 ? "" : "s") no handle covered"
            if evicted > 0 {
                note += "; \(evicted) older message\(evicted == 1 ? "" : "s") exceeded the buffer and cannot be re-sent"
                evicted = 0
            }
            actions.append(.report(note, important: evicted > 0))
        }
        guard let pending = pendingSetup else {
            for position in positions { actions.append(send(position)) }
            if inputEnded { actions += checkDone() }
            return actions
        }
        // What was read before the setup line goes out under the setup it was written for, then the change.
        for position in positions where buffer[position].sequence <= pendingSetupBoundary {
            actions.append(send(position))
        }
        pendingSetup = nil
        actions += apply(pending)
        guard phase == .streaming else { return actions }
        for position in buffer.unsentPositions { actions.append(send(position)) }
        if inputEnded { actions += checkDone() }
        return actions
    }

    /// Tool answers whose calls arrived after the handle this session resumed from would reach a session that
    /// never saw the call: they are dropped (the model asks again from the resumed state).
    mutating func dropAnswersToUnknownCalls() -> [SessionAction] {
        let known = handlesKept
        let dropped = buffer.remove { entry in
            entry.message.kind == .toolResponse && !entry.message.toolCallIDs.isEmpty
                && entry.message.toolCallIDs.allSatisfy { (toolCallHandleCount[$0] ?? -1) >= known }
        }
        return dropped.map { message in
            .report(
                "not re-sending the answer to tool call \(message.toolCallIDs.joined(separator: ", ")): "
                    + "the resumed session predates the call", important: true)
        }
    }

    mutating func resumptionUpdate(_ update: SessionResumptionUpdate) -> [SessionAction] {
        guard let newHandle = update.newHandle, !newHandle.isEmpty, update.resumable != false else { return [] }
        handle = newHandle
        handlesKept += 1
        failures = 0
        if let consumed = update.lastConsumedClientMessageIndex {
            buffer.cover(throughIndex: min(consumed, sentOnConnection - 1))
        } else {
            // No index: what an answered turn proves was read, and what was sent long enough ago; the rest
            // may still have been in flight and is kept.
            buffer.cover(sentThroughSequence: consumedSequence)
            buffer.cover(sentBy: elapsed - policy.inFlightMargin)
        }
        if phase == .pausedForGoAway {
            if switchingSetup { return reconnectForNewSetup() }
            return [.report("fresh resumption handle after goAway: switching connections", important: false)]
                + close(thenExit: false)
        }
        return []
    }

    /// A client message from the input: kept for re-sending, and sent now if the session can take it.
    mutating func accept(_ message: OutboundMessage) -> [SessionAction] {
        guard phase != .closingToExit else { return [] }
        let sequence = buffer.append(message)
        lastSequence = sequence
        if message.triggersTurn {
            turnRequests += 1
            unansweredTurnRequests.append(sequence)
        }
        switch phase {
        case .streaming:
            let action = send(buffer.lastPosition)
            evicted += buffer.evictSent(toFit: policy.bufferLimit)
            return [action]
        case .pausedForGoAway where message.kind == .toolResponse:
            // The server cannot reach a resumable point while it waits for this answer.
            return [send(buffer.lastPosition)]
        default:
            return []
        }
    }

    mutating func send(_ position: Int) -> SessionAction {
        let entry = buffer[position]
        buffer.markSent(position, index: sentOnConnection, at: elapsed)
        sentOnConnection += 1
        highestSentSequence = max(highestSentSequence, entry.sequence)
        return .send(connection: connection, frame: entry.message.frame)
    }

    /// After the end of input: stop once the last input is answered, else wait (bounded by the idle timeout).
    ///
    /// Answered means a `turnComplete` that ends an uninterrupted turn arrived after the last input was sent, and
    /// there have been at least as many such turns as inputs that ask for one (a burst of questions gets all its
    /// answers). An interrupted turn answers nothing: the input that cut it in gets a turn of its own.
    mutating func checkDone() -> [SessionAction] {
        guard inputEnded, phase == .streaming else { return [] }
        if answeredSequence >= lastSequence, answeredTurns >= turnRequests { return finish(.success) }
        guard let idle = policy.idleTimeout, !runningTimers.contains(.idle) else { return [] }
        return [startTimer(.idle, after: idle)]
    }
}
