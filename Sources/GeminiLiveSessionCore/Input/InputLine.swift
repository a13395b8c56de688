import GeminiLiveProtocol

/// What one valid input line turned out to be.
public enum InputLine: Sendable, Equatable {
    /// A `setup`: the session reconfigures (`SessionStateMachine.reconfigure`).
    case setup(Setup)
    /// Client messages to send, usually one; a legacy `mediaChunks` line may become several.
    case messages([OutboundMessage])
}
