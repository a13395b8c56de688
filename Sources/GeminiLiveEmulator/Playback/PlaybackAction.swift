import GeminiLiveProtocol

/// What a `ReplyPlayer` asks the connection layer to do, in order.
enum PlaybackAction: Sendable, Equatable {
    /// Send this message of the reply, through `EmulatedSession.replyOutput` (which refuses it once the reply is
    /// no longer current).
    case send(ServerMessage)
    /// Deliver `PlaybackEvent.timerFired(timer)` at `deadline` on the connection's clock.
    case schedule(timer: Int, at: ContinuousClock.Instant)
    /// Forget a timer scheduled earlier: it must not fire.
    case cancelTimer(Int)
    /// Recognise this 16 kHz speech off the connection's thread, then deliver `PlaybackEvent.transcribed`.
    case transcribe([Int16])
    /// Synthesise this text off the connection's thread, then deliver `PlaybackEvent.speechReady`.
    case synthesize(String)
    /// The script rule at this index answered the turn (a `once` rule is not used again on the connection).
    case useRule(Int)
    /// From now on hold back this connection's pongs this many seconds.
    case slowPongs(Double)
    /// Inject this fault through `EmulatedSession.inject`.
    case fault(ScriptFault)
    /// The script cut its own reply short: record the turn, then `EmulatedSession.interruptReply(turn:)`.
    case interrupt(userText: String, modelText: String)
    /// The reply is complete: record the turn, then `EmulatedSession.replyFinished`.
    case finish(userText: String, modelText: String, responseTokens: Int)
}
