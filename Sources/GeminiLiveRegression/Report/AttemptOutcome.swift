/// How one attempt of a scenario ended. Only a completed attempt gives its expectations a verdict; the others
/// say nothing about the prompt and are never counted as passes or failures.
public enum AttemptOutcome: Sendable, Equatable {
    /// The session ran through its turns (or as far as the model let it): every expectation has a verdict.
    case completed
    /// A transport problem (connect refused, 1011 after the retries, a close before `setupComplete`), with a
    /// short reason for reports. `--retry-errors` re-runs these.
    case error(String)
    /// The replay stopped at a client frame the cassette does not have: where, and the first difference.
    case diverged(String)
    /// The cassette was recorded for an earlier version of the scenario: why, with the advice to re-record.
    case stale(String)

    /// The outcome's name in results and reports: `completed`, `error`, `diverged` or `stale`.
    public var name: String {
        switch self {
        case .completed: "completed"
        case .error: "error"
        case .diverged: "diverged"
        case .stale: "stale"
        }
    }

    /// The reason or detail; nil for a completed attempt.
    public var detail: String? {
        switch self {
        case .completed: nil
        case .error(let detail), .diverged(let detail), .stale(let detail): detail
        }
    }

    /// The failure kind that names this outcome in reports; nil for a completed attempt.
    public var kind: FailureKind? {
        switch self {
        case .completed: nil
        case .error: .transportError
        case .diverged: .replayDivergence
        case .stale: .staleCassette
        }
    }
}
