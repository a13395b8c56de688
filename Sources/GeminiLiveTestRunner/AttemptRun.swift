import GeminiLiveProtocol
import GeminiLiveRegression

/// What running one attempt over a session gave, before it is judged: how it ended, how far each turn got,
/// and the cassette that holds every frame (the verdicts are read from that file, never from memory).
public struct AttemptRun: Sendable, Equatable {
    /// How it ended: completed, a transport error, or a replay divergence.
    public var outcome: AttemptOutcome
    /// How far each scenario turn got.
    public var statuses: [TurnStatus]
    /// The cassette the attempt is judged from: the one it wrote, or for a replay the one it replayed.
    public var cassette: String
    /// Wall-clock seconds the attempt took.
    public var duration: Double
    /// The judges' verdicts on the attempt's `judge:` expectations: given by the judges for a live attempt,
    /// read from the replayed cassette for a replay.
    public var judgements: [RecordedJudgement]

    /// Creates a run.
    public init(
        outcome: AttemptOutcome, statuses: [TurnStatus], cassette: String, duration: Double,
        judgements: [RecordedJudgement] = []
    ) {
        self.outcome = outcome
        self.statuses = statuses
        self.cassette = cassette
        self.duration = duration
        self.judgements = judgements
    }
}
