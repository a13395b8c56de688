import GeminiLiveProtocol

/// What the driver must do next, as decided by `SessionStateMachine`; carried out in order.
public enum SessionAction: Sendable, Equatable {
    /// Open connection `connection` and send `setup` (one compact JSON frame) as its first frame.
    case connect(connection: Int, setup: [UInt8])
    /// Send one frame (compact JSON) on the open connection.
    case send(connection: Int, frame: [UInt8])
    /// Write one line (without its newline) to stdout and flush it.
    case writeStdout([UInt8])
    /// Send a WebSocket ping with `payload` on `connection`; the server's pong comes back as `.pong`.
    case sendPing(connection: Int, payload: [UInt8])
    /// Run the `--on-tool-call` command for `call` (which has an id); its end comes back as `.toolCommandFinished`.
    case runToolCommand(FunctionCall)
    /// Start the close handshake on `connection`.
    case closeSocket(connection: Int, code: Int, reason: String)
    /// Tear `connection` down at once, without a handshake (it hung).
    case abortConnection(connection: Int)
    /// Deliver `.timerFired(timer)` after `delay`.
    case startTimer(SessionTimer, after: Duration)
    /// Tell the user something on stderr (shown with `-v`, or always when `important`).
    case report(String, important: Bool)
    /// The session is over: exit with this outcome.
    case exit(SessionOutcome)
}
