/// The verdict on one scenario over all its attempts.
public enum ScenarioStatus: String, Sendable, Equatable, CaseIterable {
    /// Every expectation reached its requirement under the gate.
    case pass
    /// At least one expectation did not.
    case fail
    /// No attempt completed: every one was a transport error, so there is no verdict.
    case error
    /// A replay stopped at a client frame its cassette does not have.
    case diverged
    /// A cassette was recorded for an earlier version of the scenario.
    case stale

    /// The status as printed at the start of a summary line: `PASS`, `FAIL`, `ERROR`, `DIVERGED`, `STALE`.
    public var label: String { rawValue.uppercased() }
}
