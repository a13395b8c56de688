import GeminiLiveProtocol

extension Expectation {
    /// Whether the expectation holds for a recorded turn.
    public func holds(in turn: RecordedTurn) -> Bool {
        predicate.evaluate(turn.value(of: query))
    }
}
