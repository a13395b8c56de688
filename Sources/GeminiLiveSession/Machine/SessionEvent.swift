import GeminiLiveSystem

/// Something that happened to a session: the driver feeds these to `SessionStateMachine.handle(_:)`.
///
/// Socket events carry the id of the connection they belong to; events of a connection the machine
/// has already given up on are ignored, so a late close from an old socket cannot disturb the new one.
public enum SessionEvent: Sendable, Equatable {
    /// The socket of `connection` is open and the setup frame went out.
    case connected(connection: Int)
    /// One message from the server on `connection`.
    case serverMessage(connection: Int, ServerFrame)
    /// A validated client message from the input, in input order.
    case clientLine(OutboundMessage)
    /// The server closed `connection` with a close frame.
    case socketClosed(connection: Int, code: Int, reason: String)
    /// `connection` ended without a close frame (TCP reset, DNS or TLS failure, failed upgrade).
    case socketDropped(connection: Int, reason: String)
    /// `connection` could not be opened for a reason retrying cannot fix (an untrusted certificate).
    case connectRefused(connection: Int, reason: String, kind: ToolErrorCategory)
    /// A pong frame arrived on `connection`; its payload echoes the ping it answers.
    case pong(connection: Int, payload: [UInt8])
    /// A timer started by a `.startTimer` action ran out.
    case timerFired(SessionTimer)
    /// Every input reached its end.
    case stdinEOF
    /// A bad input line under `--strict`, or an input that could not be read: ends the session.
    case inputFailed(SessionOutcome)
    /// Nobody reads stdout any more (EPIPE): end quietly.
    case outputClosed
}
