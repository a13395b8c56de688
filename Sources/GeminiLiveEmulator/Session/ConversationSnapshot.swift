/// A conversation as kept for resumption: its history, the turn counter, and input not yet answered.
public struct ConversationSnapshot: Sendable, Equatable {
    /// One turn of history.
    public struct Entry: Sendable, Equatable {
        /// `user` or `model`.
        public var role: String
        /// What was said, as text.
        public var text: String
    }

    /// Turns so far, oldest first.
    public var history: [Entry] = []
    /// Turns started so far.
    public var turnCount = 0
    /// Text parts received without a `turnComplete` yet.
    public var pendingTexts: [String] = []
    /// Pictures received that no turn has answered yet.
    public var pendingPictures: [TurnInput.Picture] = []
    /// Prompt tokens so far (history plus input), for `usageMetadata`.
    public var promptTokens = 0

    /// Creates an empty conversation.
    public init() {}
}
