/// Everything needed to produce one reply, handed to the connection layer by `.startReply`.
public struct ReplyRequest: Sendable, Equatable {
    /// The 1-based turn number within the conversation (continues across resumption).
    public var turn: Int
    /// What the user gave.
    public var input: TurnInput
    /// `AUDIO` or `TEXT`.
    public var modality: String
    /// Whether to send `inputTranscription` for speech.
    public var transcribeInput: Bool
    /// Whether to send `outputTranscription` with spoken replies.
    public var transcribeOutput: Bool
    /// The model answering: how its events are cut (`multiPartEvents`) and what it does beyond saying things
    /// (filler turns, transcription only, code parts).
    public var model: ModelProfile
    /// How the messages look on the backend.
    public var dialect: WireDialect
    /// The text of the system instruction in force (from setup or the latest `contextUpdate`).
    public var systemInstruction: String
    /// The names of the functions declared (by setup or the latest `contextUpdate`), in order.
    public var functionNames: [String]
    /// The conversation so far as (role, text), oldest first.
    public var history: [ConversationSnapshot.Entry]
}
