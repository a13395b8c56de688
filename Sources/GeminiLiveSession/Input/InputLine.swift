import GeminiLiveProtocol

/// What one valid input line turned out to be.
public enum InputLine: Sendable, Equatable {
    /// A `setup` (accepted only as the first line of stdin).
    case setup(Setup)
    /// Client messages to send, usually one; a legacy `mediaChunks` line may become several.
    case messages([OutboundMessage])
}
