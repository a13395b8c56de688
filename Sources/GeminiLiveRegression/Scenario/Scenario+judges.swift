extension Scenario {
    /// The scenario's `judge:` expectations with their turns (from 1), in the order written.
    public var judges: [(turn: Int, criterion: JudgeCriterion)] {
        turns.enumerated().flatMap { index, turn in
            turn.expectations.compactMap { expectation -> (turn: Int, criterion: JudgeCriterion)? in
                guard case .judge(let criterion) = expectation.predicate else { return nil }
                return (index + 1, criterion)
            }
        }
    }
}
