/// An input stream with its own replay cursor: order is enforced within one, never across them, because the
/// service gives `realtimeInput` no ordering guarantee across modalities.
enum ReplayModality: Int, Sendable, CaseIterable {
    case setup
    case audio
    case video
    case text
    case clientContent
    case activity
    case toolResponse
    case audioStreamEnd
    /// Members the replay does not model; matched exactly, in order.
    case other
}
