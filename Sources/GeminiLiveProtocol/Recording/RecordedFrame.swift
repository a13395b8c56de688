/// One line of a frame recording (`gemini-live-session --record`, `gemini-live-emulator --log`): when a frame
/// was written or read, on whose side, and what it carried.
public struct RecordedFrame: Sendable, Equatable {
    /// Who sent the frame.
    public enum Direction: String, Sendable, Equatable {
        case client
        case server
    }

    /// Microseconds since the recording started, on its one monotonic clock; integers, so that differences
    /// of hand-set timestamps are exact.
    public var time: Int
    /// The connection's number (a resumed session has several).
    public var connection: Int
    /// Who sent it.
    public var direction: Direction
    /// `text`, `binary`, `close`, `drop`, `pong`.
    public var kind: String
    /// The parsed message of a text or binary frame.
    public var message: JSONValue?
    /// A close frame's code.
    public var closeCode: Int?
    /// A close frame's reason.
    public var reason: String?

    /// Creates a frame.
    public init(
        time: Int, connection: Int = 1, direction: Direction, kind: String = "text", message: JSONValue? = nil,
        closeCode: Int? = nil, reason: String? = nil
    ) {
        self.time = time
        self.connection = connection
        self.direction = direction
        self.kind = kind
        self.message = message
        self.closeCode = closeCode
        self.reason = reason
    }
}
