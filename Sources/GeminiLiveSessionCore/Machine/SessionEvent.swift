import GeminiLiveProtocol

/// Something that happened to a session: the driver feeds these to `SessionStateMachine.handle(_:)`.
///
/// Socket events carry the id of the connection they belong to; events of a connection the machine
/// has already given up on are ignored, so a late close from an old socket cannot disturb the new one.
public enum SessionEvent: Sendable, Equatable {
    /// The socket of `connection` is open and the setup frame went out.
    case connected(connection: Int)
    /// One message from the server on `connection`.
    case serverMessage(connection: Int, ServerFrame)
    /// A frame from the server on `connection` that is not JSON (`byteCount` bytes): it cannot be relayed.
    case unreadableServerFrame(connection: Int, byteCount: Int)
    /// A validated client message from the input, in input order.
    case clientLine(OutboundMessage)
    /// A `setup` line from the input, flags already laid over it: reconfigure the session.
    case setupLine(Setup)
    /// An input line that is not a valid client message (`source:LINE: problem`); it was skipped.
    case badInputLine(String)
    /// The `--on-tool-call` command for call `id` (of function `name`) ended with `status`, printing `output`.
    case toolCommandFinished(id: String, name: String?, status: Int32, output: [UInt8])
    /// The server closed `connection` with a close frame.
    case socketClosed(connection: Int, code: Int, reason: String)
    /// `connection` ended without a close frame (TCP reset, DNS failure, failed upgrade).
    case socketDropped(connection: Int, reason: String)
    /// The TLS handshake of `connection` failed.
    case tlsFailed(connection: Int, TLSFailure)
    /// `connection` could not be opened for a reason retrying cannot fix (the upgrade was refused with 401/403/404).
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
