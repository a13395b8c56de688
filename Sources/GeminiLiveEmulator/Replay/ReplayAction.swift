import GeminiLiveProtocol

/// What the connection layer must do for a replay; the cursor only decides.
enum ReplayAction: Sendable, Equatable {
    /// Send this recorded message, pretty-printed, in a binary (or text) frame.
    case send(JSONValue, binary: Bool)
    /// Call `ReplayCursor.timerFired()` after this long.
    case schedule(after: Duration)
    /// Tell the operator why the replay ended early (stderr), before the close that follows.
    case report(ReplayDivergence)
    /// Send a close frame and stop.
    case close(CloseReason)
    /// Drop the TCP connection without a close frame, as the recorded one was.
    case drop
}
