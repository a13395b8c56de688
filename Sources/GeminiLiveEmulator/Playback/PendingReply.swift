import GeminiLiveProtocol

/// How far a reply has got: what it still has to do and what it said; `ReplyPlayer` keeps its progress in one.
///
/// A reply that stopped at a tool call when its connection ended is kept in this form so a resumed session can
/// finish it: the service keeps a conversation across connections, including a function call it is still
/// waiting on, so a client that reconnects with its resumption handle is asked for the call again and the
/// answer continues the same reply.
struct PendingReply: Sendable {
    /// The reply's request (turn, modality, transcription settings).
    var request: ReplyRequest
    /// The call waiting for its `toolResponse` (the last call made).
    var call: FunctionCall
    /// The script actions still to do (after the call, when waiting on one).
    var remaining: [ScriptAction]
    /// Template values so far (text, transcript).
    var template: ReplyTemplate
    /// What the model said before the call.
    var spoken: [String]
    /// Response tokens so far.
    var tokens: Int
    /// Tool calls made so far in this reply (for generated ids).
    var calls: Int
    /// What the user said in the turn.
    var said: String
    /// On a model that thinks in the background: the reply's actions, done after its filler turn completes.
    var afterFiller: [ScriptAction]?
    /// How many of `spoken` came before the current model turn (a turn completed with the task in progress ends
    /// one): the first words of a turn have no leading space.
    var spokenBeforeTurn = 0
}
