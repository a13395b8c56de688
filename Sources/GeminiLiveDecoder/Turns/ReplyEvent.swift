import GeminiLiveProtocol

/// What the turn assembler found in one server message, in the order outputs need it.
public enum ReplyEvent: Sendable {
    /// Model audio in part `part` of the message's model turn: `byteCount` s16le mono bytes at `rate`. The
    /// bytes stay where the message holds them (a parsed part, or the decoder's batch buffer), never copied.
    case audio(part: Int, byteCount: Int, rate: Int)
    /// A piece of the model's words as it arrives (`--text --stream`).
    case words(String)
    /// A piece of the user's words (input transcription).
    case userWords(String)
    /// The service asked for tool calls.
    case toolCall([FunctionCall])
    /// The service cancelled tool calls.
    case toolCallCancellation([String])
    /// Code the model wrote (an `executableCode` part), e.g. before a tool call on half-cascade models.
    case code(String)
    /// The output of code the service ran (a `codeExecutionResult` part).
    case codeResult(String)
    /// A part no output renders as audio or words (`fileData`, `functionCall`, a kind this version does not
    /// know): its kind, so every report can say it was there.
    case otherPart(String)
    /// A `turnComplete` while `interactionStatus` says the model is still at work: the turn goes on.
    case turnContinues(interactionStatus: String)
    /// The turn ended (turnComplete, with `interactionStatus` absent or `IDLE`), or the stream did
    /// (`record.incomplete`).
    case turnEnded(TurnRecord)
}
