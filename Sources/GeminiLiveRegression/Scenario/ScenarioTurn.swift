/// One step of a scenario: one input to send, optionally when to send it, and what must then be true.
public struct ScenarioTurn: Sendable, Equatable {
    /// What the turn sends.
    public enum Input: Sendable, Equatable {
        /// An audio file in any format the encoder reads.
        case audio(FileReference)
        /// A user text turn.
        case text(String)
        /// A JPEG or PNG picture.
        case image(FileReference)
        /// Silent audio of this many milliseconds.
        case silence(milliseconds: Int)
        /// `activityStart`, for manual activity detection.
        case activityStart
        /// `activityEnd`.
        case activityEnd
        /// `audioStreamEnd`.
        case audioStreamEnd
    }

    /// When to send the input: a delay after an event of the reply in progress (a barge-in), instead of
    /// after the previous reply has finished.
    public struct Start: Sendable, Equatable {
        /// The event to wait for.
        public var after: ReplyMoment
        /// How long to wait after it.
        public var delayMilliseconds: Int

        /// Creates a start condition.
        public init(after: ReplyMoment, delayMilliseconds: Int = 0) {
            self.after = after
            self.delayMilliseconds = delayMilliseconds
        }
    }

    /// The input.
    public var input: Input
    /// When to send it; nil once the previous turn's reply is complete.
    public var start: Start?
    /// What must hold for this turn, in the order written.
    public var expectations: [Expectation]
    /// Where the turn starts in the file.
    public var location: FileLocation

    /// Creates a turn.
    public init(input: Input, start: Start? = nil, expectations: [Expectation] = [], location: FileLocation) {
        self.input = input
        self.start = start
        self.expectations = expectations
        self.location = location
    }
}
