import GeminiLiveProtocol

/// One user turn of a recorded attempt: when its input started and ended, what the reply held, and the
/// timing figures, so that every query of a scenario's expectations can be answered from a recording.
///
/// Times are microseconds on the recording's clock; `latency` holds the figures in milliseconds (a ratio for
/// `rtf`). A figure whose events did not happen (no audio, no end of input, no barge-in) is absent.
public struct RecordedTurn: Sendable, Equatable {
    /// How the end of the user's input E was found, in the order the rule prefers them.
    public enum InputEnd: String, Sendable, Equatable {
        /// An `activityEnd` or `audioStreamEnd` frame.
        case marker
        /// A `clientContent` with `turnComplete`, or a realtime text frame.
        case text
        /// The frame carrying the last audio sample above −40 dBFS.
        case speech
    }

    /// What came back for the turn.
    public struct Reply: Sendable, Equatable {
        /// The input transcription fragments, joined as received; nil if none came.
        public var inputTranscript: String?
        /// The output transcription fragments, joined as received; nil if none came.
        public var outputTranscript: String?
        /// The model's text parts, thoughts excluded, joined; nil if none came.
        public var text: String?
        /// `{name, args}` of every function call, in order.
        public var calls: [JSONValue]
        /// The kinds of the turn's server messages in order, a run of one kind counted once.
        public var events: [String]
        /// Milliseconds of model audio.
        public var audioMilliseconds: Double
        /// Whether `interrupted` came: this reply was cut, or (for a barge-in) the one it cut.
        public var interrupted: Bool
        /// Whether any model output came.
        public var responded: Bool
        /// `generationComplete` before `turnComplete`, and no interruption.
        public var notTruncated: Bool
        /// The last `usageMetadata` of the turn.
        public var usage: JSONValue?
        /// The close code, if the connection closed during the turn.
        public var closeCode: Int?

        /// Creates a reply.
        public init(
            inputTranscript: String? = nil, outputTranscript: String? = nil, text: String? = nil,
            calls: [JSONValue] = [], events: [String] = [], audioMilliseconds: Double = 0, interrupted: Bool = false,
            responded: Bool = false, notTruncated: Bool = false, usage: JSONValue? = nil, closeCode: Int? = nil
        ) {
            self.inputTranscript = inputTranscript
            self.outputTranscript = outputTranscript
            self.text = text
            self.calls = calls
            self.events = events
            self.audioMilliseconds = audioMilliseconds
            self.interrupted = interrupted
            self.responded = responded
            self.notTruncated = notTruncated
            self.usage = usage
            self.closeCode = closeCode
        }
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
    /// What the reply held.
    public var reply: Reply

    /// Creates a turn.
    public init(
        inputStart: Int, inputEnd: Int? = nil, inputEndSource: InputEnd? = nil, isBargeIn: Bool = false,
        latency: [LatencyMetric: Double] = [:], reply: Reply = Reply()
    ) {
        self.inputStart = inputStart
        self.inputEnd = inputEnd
        self.inputEndSource = inputEndSource
        self.isBargeIn = isBargeIn
        self.latency = latency
        self.reply = reply
    }

    /// The value `query` looks at in this turn; nil when there is none (no transcript, no close, a figure
    /// whose events did not happen), which only `exists: false` and `not_contains` accept.
    public func value(of query: Query) -> JSONValue? {
        switch query {
        case .outputTranscript: return reply.outputTranscript.map(JSONValue.string)
        case .inputTranscript: return reply.inputTranscript.map(JSONValue.string)
        case .text: return reply.text.map(JSONValue.string)
        case .toolCall: return .array(reply.calls)
        case .toolCalls: return .number(JSONNumber(reply.calls.count))
        case .events: return .array(reply.events.map(JSONValue.string))
        case .audioMilliseconds: return .number(JSONNumber(reply.audioMilliseconds))
        case .interrupted: return .bool(reply.interrupted)
        case .responded: return .bool(reply.responded)
        case .notTruncated: return .bool(reply.notTruncated)
        case .maxGapMilliseconds: return latency[.maxGap].map { .number(JSONNumber($0)) }
        case .usage(let field): return reply.usage?[field].flatMap { $0.isNull ? nil : $0 }
        case .closeCode: return reply.closeCode.map { .number(JSONNumber($0)) }
        case .latency(let metric): return latency[metric].map { .number(JSONNumber($0)) }
        // A verdict is given by a judge after the attempt (see `ExpectationResult`), not read from frames.
        case .judge: return nil
        }
    }
}
