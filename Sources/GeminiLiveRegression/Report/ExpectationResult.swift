import GeminiLiveProtocol

/// The verdict of one expectation in one attempt: whether it held and, when it did not, why and what was
/// actually there.
public struct ExpectationResult: Sendable, Equatable {
    /// The turn the expectation belongs to, from 1.
    public var turn: Int
    /// The expectation, with its key, predicate and `file:line`.
    public var expectation: Expectation
    /// Whether it held.
    public var held: Bool
    /// Why it failed; nil when it held.
    public var kind: FailureKind?
    /// The value the query found (nil when absent, or when the turn was never reached).
    public var actual: JSONValue?

    /// Creates a result.
    public init(turn: Int, expectation: Expectation, held: Bool, kind: FailureKind? = nil, actual: JSONValue? = nil) {
        self.turn = turn
        self.expectation = expectation
        self.held = held
        self.kind = held ? nil : kind
        self.actual = actual
    }

    /// The verdict of `expectation` (of turn `number`, from 1) in `turn`; nil when the attempt never reached
    /// the turn, which is a `not_run` failure, never a pass.
    public init(_ expectation: Expectation, turn number: Int, in turn: RecordedTurn?) {
        guard let turn else {
            self.init(turn: number, expectation: expectation, held: false, kind: .notRun)
            return
        }
        let actual = turn.value(of: expectation.query)
        let held = expectation.predicate.evaluate(actual)
        self.init(
            turn: number, expectation: expectation, held: held,
            kind: held ? nil : FailureKind(failing: expectation, actual: actual, in: turn), actual: actual)
    }

    /// What was expected, as written: `icontains "sunny"`, `lt 2500`.
    public var expected: String { expectation.predicate.description }
}
