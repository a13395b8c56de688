/// A timer the machine asked for; `generation` tells a live timer from one that was superseded.
public struct SessionTimer: Sendable, Hashable, CustomStringConvertible {
    /// What the timer bounds.
    public enum Kind: String, Sendable, Hashable {
        /// Connecting plus waiting for `setupComplete` (`--connect-timeout`).
        case setup
        /// After `goAway`: how long to wait for a fresh resumption handle.
        case handleWait
        /// Backoff before the next reconnection attempt.
        case backoff
        /// After the end of input: silence that ends the session (`--idle-timeout`).
        case idle
        /// Waiting for the server to answer our close frame.
        case close
        /// Keepalive: the next ping is due.
        case ping
        /// Keepalive: the pong to the ping just sent is due; a connection still silent then counts as dropped.
        case pongDeadline
    }

    /// What the timer bounds.
    public var kind: Kind
    /// Increases each time a timer of this kind is started.
    public var generation: Int

    /// Creates a timer token.
    public init(kind: Kind, generation: Int) {
        self.kind = kind
        self.generation = generation
    }

    public var description: String { "\(kind.rawValue)#\(generation)" }
}
