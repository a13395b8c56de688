/// A timer the attempt asked for; `generation` tells a live reply timeout from one restarted since.
public struct AttemptTimer: Sendable, Hashable, CustomStringConvertible {
    /// What the timer bounds.
    public enum Kind: String, Sendable, Hashable {
        /// The reply to `turn` must have completed by then.
        case replyTimeout
        /// `turn`'s `at: {delay_ms}` has run out: send it.
        case startDelay
    }

    /// What the timer bounds.
    public var kind: Kind
    /// The scenario turn it belongs to, from 0.
    public var turn: Int
    /// Increases each time a reply timeout is restarted.
    public var generation: Int

    /// Creates a timer token.
    public init(kind: Kind, turn: Int, generation: Int = 0) {
        self.kind = kind
        self.turn = turn
        self.generation = generation
    }

    public var description: String { "\(kind.rawValue)(turn \(turn + 1))#\(generation)" }
}
