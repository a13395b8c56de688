import GeminiLiveProtocol

/// What the turn assembler found in one server message, in the order outputs need it.
public enum ReplyEvent: Sendable {
    /// Model audio: s16le mono bytes at `rate` (an even count).
    case audio(bytes: [UInt8], rate: Int)
    /// A piece of the model's words as it arrives (`--text --stream`).
    case words(String)
    /// A piece of the user's words (input transcription).
    case userWords(String)
    /// The service asked for tool calls.
    case toolCall([FunctionCall])
    /// The service cancelled tool calls.
    case toolCallCancellation([String])
    /// The turn ended (turnComplete, or the end of the stream).
    case turnEnded(TurnRecord)
}
