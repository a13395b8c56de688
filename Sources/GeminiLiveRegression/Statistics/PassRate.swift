/// How often one expectation held over the attempts of a scenario: k of n, with its Wilson interval.
public struct PassRate: Sendable, Equatable, CustomStringConvertible {
    /// Attempts in which the expectation held.
    public let passed: Int
    /// Attempts that reached a verdict (transport errors are not attempts).
    public let attempts: Int

    /// Creates a rate; `passed` must be in `0...attempts`.
    public init(passed: Int, attempts: Int) {
        precondition(attempts >= 0 && passed >= 0 && passed <= attempts, "passed must be in 0...attempts")
        self.passed = passed
        self.attempts = attempts
    }

    /// k/n; nil with no attempts.
    public var fraction: Double? {
        attempts == 0 ? nil : Double(passed) / Double(attempts)
    }

    /// The Wilson 95 % score interval.
    public var interval: WilsonInterval {
        WilsonInterval(passed: passed, attempts: attempts)
    }

    /// Whether the rate reaches `requirement` (0...1) under `gate`. With no attempts there is no verdict,
    /// so this is false; callers tell that case apart by `attempts`.
    public func meets(_ requirement: Double, gate: PassRateGate) -> Bool {
        guard attempts > 0 else { return false }
        switch gate {
        case .point:
            // k >= r·n in integers where possible: 0.9·10 must count 9/10 as reaching 0.9 despite rounding.
            return Double(passed) >= requirement * Double(attempts) - 1e-9
        case .confident:
            return interval.lower >= requirement - 1e-12
        }
    }

    /// `7/10 (95 % CI 40–89 %)`.
    public var description: String {
        let bounds = interval
        return "\(passed)/\(attempts) (95 % CI \(Self.percent(bounds.lower))–\(Self.percent(bounds.upper)) %)"
    }

    /// A rate as a whole percentage, rounded half up (0.3968 → 40, 0.8922 → 89).
    static func percent(_ fraction: Double) -> Int {
        Int((fraction * 100).rounded(.toNearestOrAwayFromZero))
    }
}
