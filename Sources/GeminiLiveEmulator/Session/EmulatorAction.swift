import GeminiLiveProtocol

/// What the connection layer must do for the session; the state machine only decides.
public enum EmulatorAction: Sendable, Equatable {
    /// Send this message (pretty-printed, in a binary frame).
    case send(ServerMessage)
    /// Send a close frame and stop.
    case close(CloseReason)
    /// Drop the TCP connection without a close frame.
    case drop
    /// Look up a resumption handle, then call `EmulatedSession.resumed(with:)`.
    case resume(handle: String)
    /// Start producing a reply for this turn, then report through `replyComposed`, `replyOutput`, `replyFinished`.
    case startReply(ReplyRequest)
    /// Stop producing the reply for this turn (interrupted); anything it still offers is refused anyway.
    case cancelReply(turn: Int)
    /// Call `timerFired` after this delay.
    case schedule(EmulatorTimer, after: Duration)
    /// Keep this conversation under `handle` for resumption.
    case store(handle: String, snapshot: ConversationSnapshot)
    /// A tool response arrived for the reply of this turn that waits on it.
    case deliverToolResponse(turn: Int, response: FunctionResponse)
}

/// Timers the session asks for.
public enum EmulatorTimer: Sendable, Hashable {
    /// Time to send `goAway`.
    case goAway
    /// Time to close with "Deadline expired".
    case lifetime
    /// The VAD's silence duration has passed since this timer was set while speech was in progress: if no audio
    /// came meanwhile, the client's audio stream has ended, which ends the user's turn as silence would.
    case audioStreamIdle
}
