import GeminiLiveProtocol

/// One piece of a `say` as `ReplyPlayer` plays it.
public enum ReplyStep: Sendable, Equatable {
    /// Send this message (if the reply is still current).
    case message(ServerMessage)
    /// Wait this long before the next step.
    case pause(Duration)
}
