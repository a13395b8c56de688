import GeminiLiveProtocol

/// Something that happened to an attempt: the I/O layer feeds these to `AttemptStateMachine.handle(_:)`.
public enum AttemptEvent: Sendable, Equatable {
    /// `setupComplete` arrived: client messages may flow.
    case sessionReady
    /// One server message after setup, decoded with its model turn.
    case serverMessage(ServerMessage)
    /// A `command:` tool answer finished: `response` is its result (or `{"error": ...}` when it failed).
    case toolCommandFinished(call: FunctionCall, response: JSONValue)
    /// A timer started by a `.startTimer` action ran out.
    case timerFired(AttemptTimer)
    /// The session is over (closed by either side, or never opened).
    case sessionEnded
}
