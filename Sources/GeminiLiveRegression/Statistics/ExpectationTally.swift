/// One expectation's record over the attempts of a scenario: which attempts it held in and which it failed,
/// and whether that reaches its requirement. The unit that gets k/N, an interval and a verdict.
///
/// Attempts that ended in a transport error are never recorded here: they are errors, not failures.
public struct ExpectationTally: Sendable, Equatable {
    /// The expectation.
    public let expectation: Expectation
    /// The pass rate it must reach: its own `require:`, else the scenario's.
    public let requirement: Double
    /// The numbers (from 1) of the attempts it failed, in order, for reports of flaky failures.
    public private(set) var failedAttempts: [Int] = []
    /// How many attempts reached a verdict.
    public private(set) var attempts = 0

    /// An empty tally for `expectation` of `scenario`.
    public init(_ expectation: Expectation, of scenario: Scenario) {
        self.expectation = expectation
        self.requirement = expectation.requirement ?? scenario.requirement
    }

    /// Records the verdict of attempt `number` (from 1).
    public mutating func record(held: Bool, attempt number: Int) {
        attempts += 1
        if !held { failedAttempts.append(number) }
    }

    /// k of n.
    public var rate: PassRate {
        PassRate(passed: attempts - failedAttempts.count, attempts: attempts)
    }

    /// Whether the rate reaches the requirement under `gate`; false with no attempts.
    public func passes(gate: PassRateGate) -> Bool {
        rate.meets(requirement, gate: gate)
    }

    /// Passes, yet failed some attempts: what JUnit reports as `flakyFailure`.
    public func isFlaky(gate: PassRateGate) -> Bool {
        passes(gate: gate) && !failedAttempts.isEmpty
    }
}
