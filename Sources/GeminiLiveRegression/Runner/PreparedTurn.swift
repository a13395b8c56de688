import GeminiLiveProtocol

/// One scenario turn ready to send: its client messages, already encoded, and how the runner paces it.
public struct PreparedTurn: Sendable, Equatable {
    /// The messages of the turn's input, in order.
    public var messages: [ClientMessage]
    /// Whether the input asks for a reply, so the next turn (without `at:`) waits for its `turnComplete`.
    public var awaitsReply: Bool
    /// When to send it, if not once the previous reply is complete.
    public var start: ScenarioTurn.Start?

    /// Creates a prepared turn.
    public init(messages: [ClientMessage], awaitsReply: Bool, start: ScenarioTurn.Start? = nil) {
        self.messages = messages
        self.awaitsReply = awaitsReply
        self.start = start
    }
}
