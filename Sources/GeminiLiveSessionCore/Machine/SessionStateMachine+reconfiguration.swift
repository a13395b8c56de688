import GeminiLiveProtocol

extension SessionStateMachine {
    /// A `setup` line from the input: the session goes on with the line laid over its setup (`SetupOverlay`), for
    /// the messages read after it.
    ///
    /// While the session streams, the change applies at once (`apply`). Otherwise messages read before the line
    /// may still wait to be sent: they go out under the setup they were written for, and the change applies right
    /// after them, once a connection is established. With nothing waiting, the next connection simply uses the new
    /// setup; before the first `setupComplete` (the browser page's first line) the pending connection is replaced.
    mutating func reconfigure(_ line: Setup) -> [SessionAction] {
        if policy.resumption, handle == nil, let lineHandle = line.sessionResumption?.handle, !lineHandle.isEmpty {
            handle = lineHandle
        }
        var latest = pendingSetup ?? setup
        var incoming = SetupOverlay.apply(line, over: latest)
        incoming.sessionResumption?.handle = nil
        latest.sessionResumption?.handle = nil
        guard incoming != latest else {
            return [.report("setup line: the same setup as the session's; nothing changes", important: false)]
        }
        switch phase {
        case .streaming:
            return apply(incoming)
        case .idle, .closingToExit, .finished:
            return []
        case .connecting, .pausedForGoAway, .closingForResume, .waitingToReconnect:
            if pendingSetup != nil || buffer.hasUnsent {
                if pendingSetup == nil { pendingSetupBoundary = lastSequence }
                pendingSetup = incoming
                return [
                    .report(
                        "setup line: applied once the messages read before it are sent on the next connection",
                        important: false)
                ]
            }
            setup = incoming
            guard phase == .connecting else {
                return [.report("setup line: the next connection uses the new setup", important: false)]
            }
            return [
                .report("setup line before setupComplete: connecting again with it", important: false),
                .abortConnection(connection: connection),
            ] + connect()
        }
    }

    /// A new setup on an established connection: `contextUpdate` when that can carry the change, otherwise a new
    /// connection with the new setup and the latest resumption handle, as after `goAway`, so the conversation is
    /// kept; without a handle (none arrived, or `--no-resumption`) the new setup starts a new session, and the
    /// messages already sent are not re-sent to it.
    ///
    /// Like after `goAway`, while sent messages wait for a handle to cover them, the switch waits for a fresh
    /// handle (at most `handleWait`), sending nothing meanwhile: the conversation so far is then in it.
    mutating func apply(_ incoming: Setup) -> [SessionAction] {
        var current = setup
        current.sessionResumption?.handle = nil
        setup = incoming
        guard let frame = Self.contextUpdate(from: current, to: incoming) else {
            guard policy.resumption, buffer.hasSent else { return reconnectForNewSetup() }
            phase = .pausedForGoAway
            switchingSetup = true
            return [
                .report(
                    "setup line: waiting for a fresh resumption handle, then reconnecting with the new setup",
                    important: false),
                startTimer(.handleWait, after: policy.handleWait),
            ]
        }
        // Not kept for re-sending: a later connection's setup carries the change itself. It still takes a place
        // in the count `lastConsumedClientMessageIndex` refers to.
        sentOnConnection += 1
        return [
            .report("setup line: sending the new system instruction or tools as contextUpdate", important: false),
            .send(connection: connection, frame: frame),
        ]
    }

    /// Closes the connection so that the next one opens with the new setup, saying what is kept: the conversation,
    /// through the latest handle; without one, nothing, and the sent messages are dropped rather than replayed
    /// into a session that never saw them.
    mutating func reconnectForNewSetup() -> [SessionAction] {
        let note: SessionAction
        if policy.resumption, handle != nil {
            note = .report(
                "setup line: reconnecting with the new setup and the latest resumption handle", important: false)
        } else {
            _ = buffer.remove { $0.connectionIndex != nil }
            if highestSentSequence >= 0 || turnsCompleted > 0 {
                let why =
                    policy.resumption ? "no resumption handle has arrived yet" : "resumption is off (--no-resumption)"
                note = .report(
                    "setup line: \(why), so the new setup starts a new session; the conversation so far is not kept",
                    important: true)
            } else {
                note = .report("setup line: reconnecting with the new setup", important: false)
            }
        }
        return [note] + close(thenExit: false)
    }

    /// The `contextUpdate` frame that turns `old` into `new`, or nil when it cannot: the model does not take one,
    /// something besides the system instruction and tools differs, or the instruction is removed (an update only
    /// replaces fields it sets).
    static func contextUpdate(from old: Setup, to new: Setup) -> [UInt8]? {
        guard ModelCapabilities.acceptsContextUpdate(new.model) else { return nil }
        var rest = (old, new)
        rest.0.systemInstruction = nil
        rest.1.systemInstruction = nil
        rest.0.tools = nil
        rest.1.tools = nil
        guard rest.0 == rest.1 else { return nil }
        var update = ContextUpdate()
        if new.systemInstruction != old.systemInstruction {
            guard let instruction = new.systemInstruction else { return nil }
            update.systemInstruction = instruction
        }
        // The list replaces the earlier one.
        if new.tools != old.tools { update.tools = new.tools ?? [] }
        return ClientMessage(.contextUpdate(update)).compactBytes
    }
}
