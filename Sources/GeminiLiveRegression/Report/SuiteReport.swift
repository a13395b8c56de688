/// A whole run: every scenario's report and the outcome that decides the exit status. The renderers (human
/// summary, JUnit, TAP) are pure functions of it.
public struct SuiteReport: Sendable, Equatable {
    /// The scenarios, in the order given.
    public let scenarios: [ScenarioReport]
    /// The gate every tally was held against.
    public let gate: PassRateGate
    /// The verdict on the run.
    public let outcome: SuiteOutcome

    /// The report on `scenarios` from all the run's `attempts`, matched to scenarios by path.
    public init(scenarios: [Scenario], attempts: [AttemptResult], gate: PassRateGate) {
        self.scenarios = scenarios.map { ScenarioReport($0, attempts: attempts, gate: gate) }
        self.gate = gate
        outcome = SuiteOutcome(self.scenarios.map(\.status))
    }
}
