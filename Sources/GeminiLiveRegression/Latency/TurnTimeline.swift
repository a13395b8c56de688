/// One user turn of a recorded attempt and the timing of the reply it got.
///
/// Times are microseconds on the recording's clock; `latency` holds the figures in milliseconds (a ratio for
/// `rtf`). A figure whose events did not happen (no audio, no end of input, no barge-in) is absent.
public struct TurnTimeline: Sendable, Equatable {
    /// How the end of the user's input E was found, in the order the rule prefers them.
    public enum InputEnd: String, Sendable, Equatable {
        /// An `activityEnd` or `audioStreamEnd` frame.
        case marker
        /// A `clientContent` with `turnComplete`, or a realtime text frame.
        case text
        /// The frame carrying the last audio sample above −40 dBFS.
        case speech
    }

    /// B: when the turn's first input frame was written.
    public var inputStart: Int
    /// E: when the user's input ended, if it can be told.
    public var inputEnd: Int?
    /// How E was found.
    public var inputEndSource: InputEnd?
    /// Whether the turn began while the previous reply was still arriving.
    public var isBargeIn: Bool
    /// The timing figures.
    public var latency: [LatencyMetric: Double]

    /// Creates a turn's timeline.
    public init(
        inputStart: Int, inputEnd: Int? = nil, inputEndSource: InputEnd? = nil, isBargeIn: Bool = false,
        latency: [LatencyMetric: Double] = [:]
    ) {
        self.inputStart = inputStart
        self.inputEnd = inputEnd
        self.inputEndSource = inputEndSource
        self.isBargeIn = isBargeIn
        self.latency = latency
    }
}
