import GeminiLiveProtocol

/// A `judge:` expectation's right-hand side: the command that judges the turn and the criterion it judges by,
/// for what no predicate can say ("answers in one polite sentence").
public struct JudgeCriterion: Sendable, Equatable {
    /// How long a judge may take by default: long enough for a language model behind an API, short enough
    /// that a hung judge does not hold a CI job for long.
    public static let defaultTimeout = Duration.seconds(60)

    /// The command as written: run with `/bin/sh` in the scenario's folder, like a `tool_responses` command.
    public var command: String
    /// What the judge is asked, as written.
    public var criterion: String
    /// How long the judge may take before it is stopped and its verdict is an error.
    public var timeout: Duration

    /// Creates a criterion.
    public init(command: String, criterion: String, timeout: Duration = JudgeCriterion.defaultTimeout) {
        self.command = command
        self.criterion = criterion
        self.timeout = timeout
    }

    /// What a recorded verdict must carry to be this judge's on this criterion: the criterion's hash (its text
    /// in a cassette may be redacted) and the command.
    public func isAnswered(by judgement: RecordedJudgement) -> Bool {
        judgement.criterionHash == RecordedJudgement.hash(of: criterion) && judgement.command == command
    }
}
