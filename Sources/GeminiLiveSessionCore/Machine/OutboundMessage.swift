import GeminiLiveProtocol

/// A validated client message ready to be sent: its frame bytes and what the session needs to know about it.
public struct OutboundMessage: Sendable, Equatable {
    /// Which client message this is.
    public enum Kind: Sendable, Equatable {
        case clientContent
        case realtimeInput
        case toolResponse
        case contextUpdate
    }

    /// The frame: one compact JSON object, no newline.
    public var frame: [UInt8]
    /// Which client message this is.
    public var kind: Kind
    /// For a tool response: the ids of the calls it answers.
    public var toolCallIDs: [String]
    /// Whether it asks for a model turn: `clientContent` with `turnComplete`, `realtimeInput.text` or `activityEnd`.
    public var triggersTurn: Bool
    /// Whether it is `realtimeInput.activityStart` or `activityEnd`, which only a setup with the server's voice
    /// activity detection off accepts.
    public var marksActivity: Bool

    /// Creates a message.
    public init(
        frame: [UInt8], kind: Kind, toolCallIDs: [String] = [], triggersTurn: Bool = false,
        marksActivity: Bool = false
    ) {
        self.frame = frame
        self.kind = kind
        self.toolCallIDs = toolCallIDs
        self.triggersTurn = triggersTurn
        self.marksActivity = marksActivity
    }

    /// Builds the outbound form of a decoded client message (not a setup), re-serialised compactly.
    public init?(_ message: ClientMessage) {
        switch message.kind {
        case .setup: return nil
        case .clientContent: kind = .clientContent
        case .realtimeInput: kind = .realtimeInput
        case .toolResponse: kind = .toolResponse
        case .contextUpdate: kind = .contextUpdate
        }
        frame = message.compactBytes
        toolCallIDs = message.toolResponse?.functionResponses.compactMap(\.id) ?? []
        triggersTurn = Self.triggersTurn(message)
        marksActivity = Self.marksActivity(message)
    }

    /// Whether `message` brackets speech by hand.
    public static func marksActivity(_ message: ClientMessage) -> Bool {
        guard let input = message.realtimeInput else { return false }
        return input.activityStart || input.activityEnd
    }

    /// Whether `message` asks for a model turn.
    public static func triggersTurn(_ message: ClientMessage) -> Bool {
        if message.clientContent?.turnComplete == true { return true }
        if let input = message.realtimeInput { return input.text != nil || input.activityEnd }
        return false
    }
}
