import GeminiLiveProtocol

extension EmulatedSession {
    /// Cuts the reply for `turn` short on the script's request: `interrupted`, then `turnComplete`.
    public mutating func interruptReply(turn: Int) -> [EmulatorAction] {
        guard phase == .active, reply?.turn == turn else { return [] }
        return interruptReply().filter { $0 != .cancelReply(turn: turn) }
    }

    /// A fault injected by a script.
    public mutating func inject(_ fault: ScriptFault) -> [EmulatorAction] {
        guard phase == .active else { return [] }
        switch fault {
        case .drop:
            phase = .closed
            reply = nil
            return [.drop]
        case .fail:
            return close(.internalError)
        case .deadline:
            return close(.deadlineExpired)
        case .goAway:
            return timerFired(.goAway)
        }
    }
}
