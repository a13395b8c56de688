import GeminiLiveProtocol

/// What happens to a reply being played: the start, work done off-thread, a timer, the client's answer.
enum PlaybackEvent: Sendable, Equatable {
    /// Begin (a new reply) or take up again (a reply resumed at its pending tool call).
    case start
    /// The user's speech in the turn was recognised (after `PlaybackAction.transcribe`).
    case transcribed(String)
    /// Speech for the `say` in progress was synthesised (after `PlaybackAction.synthesize`): 24 kHz mono samples.
    case speechReady([Int16])
    /// A timer the player scheduled came due.
    case timerFired(Int)
    /// The client answered a function call.
    case toolResponse(FunctionResponse)
    /// The session cut the reply off (barge-in, a new turn): nothing more is played.
    case interrupted
}
