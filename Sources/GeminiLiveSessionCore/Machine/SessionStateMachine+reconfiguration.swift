import GeminiLiveProtocol

extension SessionStateMachine {
    /// A `setup` line from the input: the session goes on with `newSetup`, for the messages read after it.
    ///
    /// While the session streams, the change applies at once (`apply`). Otherwise messages read before the line
    /// may still wait to be sent: they go out under the setup they were written for, and the change applies right
    /// after them, once a connection is established. With nothing waiting, the next connection simply uses the new
    /// setup; before the first `setupComplete` (the browser page's first line) the pending connection is replaced.
    mutating func reconfigure(_ newSetup: Setup) -> [SessionAction] {
        var incoming = newSetup
        if policy.resumption, handle == nil, let lineHandle = incoming.sessionResumption?.handle, !lineHandle.isEmpty {
            handle = lineHandle
        }
        incoming.sessionResumption?.handle = nil
        var latest = pendingSetup ?? setup
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
    /// kept; without a handle (none arrived yet, or `--no-resumption`) the new setup starts a new session, and the
    /// messages already sent are not re-sent to it.
    mutating func apply(_ incoming: Setup) -> [SessionAction] {
        var current = setup
        current.sessionResumption?.handle = nil
        setup = incoming
        guard let frame = Self.contextUpdate(from: current, to: incoming) else {
            return [restartNote()] + close(thenExit: false)
        }
        // Not kept for re-sending: a later connection's setup carries the change itself. It still takes a place
        // in the count `lastConsumedClientMessageIndex` refers to.
        sentOnConnection += 1
        return [
            .report("setup line: sending the new system instruction or tools as contextUpdate", important: false),
            .send(connection: connection, frame: frame),
        ]
    }

    /// What a reconnection for a new setup keeps, said; without a handle, the sent messages are dropped.
    mutating func restartNote() -> SessionAction {
        if policy.resumption, handle != nil {
            return .report(
                "setup line: reconnecting with the new setup and the latest resumption handle", important: false)
        }
        // The new session has not seen them; re-sending would replay the old conversation into it.
        _ = buffer.remove { $0.connectionIndex != nil }
        guard highestSentSequence >= 0 || turnsCompleted > 0 else {
            return .report("setup line: reconnecting with the new setup", important: false)
        }
        let why = policy.resumption ? "no resumption handle has arrived yet" : "resumption is off (--no-resumption)"
        return .report(
            "setup line: \(why), so the new setup starts a new session; the conversation so far is not kept",
            important: true)
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
        var update = JSONObject()
        if new.systemInstruction != old.systemInstruction {
            guard let instruction = new.systemInstruction else { return nil }
            update["systemInstruction"] = instruction.json
        }
        if new.tools != old.tools {
            // The list replaces the earlier one, inside a `tools` wrapper object.
            update["tools"] = ["tools": .array(new.tools ?? [])]
        }
        return JSONValue.object(["contextUpdate": .object(update)]).compactBytes
    }
}
