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
    ///
    /// A `judge:` expectation takes its verdict from `judgements`, the judges' verdicts on the attempt: it holds
    /// on pass, and fails as `judge_fail`, `judge_unsure` or `judge_error` with the judge's reason (or what
    /// went wrong with it) as the actual value. Without a verdict for its turn, criterion and command it fails
    /// as `judge_error`.
    public init(
        _ expectation: Expectation, turn number: Int, in turn: RecordedTurn?, judgements: [RecordedJudgement] = []
    ) {
        guard let turn else {
            self.init(turn: number, expectation: expectation, held: false, kind: .notRun)
            return
        }
        if case .judge(let judge) = expectation.predicate {
            guard let judgement = judgements.first(where: { $0.turn == number && judge.isAnswered(by: $0) }) else {
                self.init(
                    turn: number, expectation: expectation, held: false, kind: .judgeError,
                    actual: .string("no verdict"))
                return
            }
            let kind: FailureKind? =
                switch judgement.verdict {
                case .pass: nil
                case .fail: .judgeFail
                case .unsure: .judgeUnsure
                case .error: .judgeError
                }
            self.init(
                turn: number, expectation: expectation, held: kind == nil, kind: kind,
                actual: .string(judgement.reason.isEmpty ? judgement.verdict.rawValue : judgement.reason))
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
