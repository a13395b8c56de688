import GeminiLiveProtocol

/// One thing the model does in a reply.
public enum ScriptAction: Sendable, Equatable {
    /// Says this text (spoken or written per the session's modality). `{{text}}`, `{{transcript}}`,
    /// `{{response}}` (the last tool response's output, compact JSON or the string itself) and `{{turn}}` are filled in.
    case say(String)
    /// Waits this many seconds.
    case delay(Double)
    /// Calls a function, then waits for the `toolResponse` with that id before going on.
    case toolCall(name: String, args: JSONValue, id: String?)
    /// Cuts the reply short as if the user had spoken: `interrupted`, then `turnComplete`.
    case interrupt
    /// Injects a fault.
    case fault(ScriptFault)
    /// From now on, answers pings of this connection only after this many seconds (0 = at once again).
    case slowPongs(Double)
}

/// Faults a script can inject mid-reply.
public enum ScriptFault: String, Sendable, Equatable {
    /// Drop the TCP connection without a close frame.
    case drop
    /// Close with 1011 "Internal error occurred.".
    case fail
    /// Send `goAway` now (the lifetime close still comes at its time).
    case goAway
    /// Close with 1011 "Deadline expired before operation could complete.".
    case deadline
}
