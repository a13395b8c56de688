import GeminiLiveProtocol

/// What the I/O layer must do next, as decided by `AttemptStateMachine`; carried out in order.
public enum AttemptAction: Sendable, Equatable {
    /// Open the session with this setup.
    case connect(Setup)
    /// Send one client message.
    case send(ClientMessage)
    /// Run `command` with the call as JSON on stdin; its stdout comes back as `.toolCommandFinished`.
    case runToolCommand(String, call: FunctionCall)
    /// Deliver `.timerFired(timer)` after `delay`.
    case startTimer(AttemptTimer, after: Duration)
    /// Tell the user something about the attempt (shown with `-v`).
    case report(String)
    /// The scenario is done (or cannot go on): close the session cleanly.
    case close
}
