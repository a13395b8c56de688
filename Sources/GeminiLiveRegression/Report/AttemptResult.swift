import GeminiLiveProtocol

/// What one attempt of a scenario came to: how it ended, the verdict of every expectation, and the timing of
/// every turn it reached. The unit of `--results` (one JSON line each) and the input of `SuiteReport`.
public struct AttemptResult: Sendable, Equatable {
    /// The scenario's path, as given; attempts are matched to scenarios by it.
    public var scenarioPath: String
    /// The scenario's name.
    public var scenarioName: String
    /// The attempt's number, from 1, among the attempts of its scenario.
    public var attempt: Int
    /// How it ended.
    public var outcome: AttemptOutcome
    /// The verdicts, in the order of the scenario's expectations (turn by turn, as written); empty unless the
    /// attempt completed.
    public var expectations: [ExpectationResult]
    /// The turns the attempt reached, with their timing figures.
    public var turns: [RecordedTurn]
    /// Wall-clock seconds the attempt took.
    public var duration: Double
    /// The cassette recorded or replayed for this attempt, if any.
    public var cassette: String?

    /// Creates a result from its parts.
    public init(
        scenarioPath: String, scenarioName: String, attempt: Int, outcome: AttemptOutcome,
        expectations: [ExpectationResult] = [], turns: [RecordedTurn] = [], duration: Double = 0,
        cassette: String? = nil
    ) {
        self.scenarioPath = scenarioPath
        self.scenarioName = scenarioName
        self.attempt = attempt
        self.outcome = outcome
        self.expectations = expectations
        self.turns = turns
        self.duration = duration
        self.cassette = cassette
    }

    /// The result of attempt `number` of `scenario`, judged from its recording.
    ///
    /// A completed attempt gets a verdict for every expectation: turns the recording does not reach fail as
    /// `not_run`. Any other outcome gets none, because a transport error or a divergence says nothing about
    /// the prompt; its turns are still kept for the latency figures.
    public init(
        _ scenario: Scenario, attempt number: Int, outcome: AttemptOutcome = .completed, recorded: RecordedAttempt,
        judgements: [RecordedJudgement] = [], duration: Double = 0, cassette: String? = nil
    ) {
        var expectations: [ExpectationResult] = []
        if outcome == .completed {
            for (index, turn) in scenario.turns.enumerated() {
                let recorded = recorded.turns.indices.contains(index) ? recorded.turns[index] : nil
                expectations += turn.expectations.map {
                    ExpectationResult($0, turn: index + 1, in: recorded, judgements: judgements)
                }
            }
        }
        self.init(
            scenarioPath: scenario.path, scenarioName: scenario.name, attempt: number, outcome: outcome,
            expectations: expectations, turns: recorded.turns, duration: duration, cassette: cassette)
    }
}
