/// `serverContent.interactionStatus`: whether the model's whole task is done when a turn completes.
///
/// A model that works in the background (gemini-3.8-live-extended-thinking) can complete several turns while the
/// status stays `IN_PROGRESS`; only `IDLE` (or `REQUIRES_ACTION`, which it replaced) says the task is over. The
/// service always sends the status with `turnComplete` when it sends it at all; without it, a `turnComplete` ends
/// the task as it always did. The session's end-of-input drain, its `--turns` count and the decoder's turns read it
/// here.
public enum InteractionStatus {
    /// Whether `status` ends the task.
    public static func meansDone(_ status: String) -> Bool { status == "IDLE" || status == "REQUIRES_ACTION" }
}

extension ServerContent {
    /// Whether this content completes a turn that ends the model's task: `turnComplete`, with `interactionStatus`
    /// absent or done.
    public var endsInteraction: Bool {
        turnComplete == true && (interactionStatus.map(InteractionStatus.meansDone) ?? true)
    }
}
