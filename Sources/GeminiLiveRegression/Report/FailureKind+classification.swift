import GeminiLiveProtocol

extension FailureKind {
    /// The kind of failure of `expectation`, which did not hold for `actual` in `turn`.
    ///
    /// A missing value in a turn the model never answered is `no_response` whatever the query, since that is
    /// the cause a reader must see first (the swallowed utterance); otherwise the query decides.
    public init(failing expectation: Expectation, actual: JSONValue?, in turn: RecordedTurn) {
        let silent = !turn.reply.responded
        switch expectation.query {
        case .outputTranscript, .text, .inputTranscript:
            if actual == nil && silent && expectation.query != .inputTranscript {
                self = .noResponse
            } else if case .matches = expectation.predicate {
                self = .regexMismatch
            } else {
                self = .textMismatch
            }
        case .toolCall:
            // A call of the right name that came with other arguments is a different fault from no call at all.
            if case .call(let name?, _) = expectation.predicate,
                turn.reply.calls.contains(where: { $0["name"]?.stringValue == name })
            {
                self = .toolArgsMismatch
            } else {
                self = silent ? .noResponse : .missingToolCall
            }
        case .toolCalls:
            let count = Double(turn.reply.calls.count)
            self = Self.exceedsUpperBound(expectation.predicate, count) ? .unexpectedToolCall : .missingToolCall
        case .events: self = .orderMismatch
        case .responded: self = actual == .bool(false) ? .noResponse : .valueMismatch
        case .notTruncated: self = silent ? .noResponse : .truncated
        case .maxGapMilliseconds: self = actual == nil && silent ? .noResponse : .stall
        case .latency: self = actual == nil && silent ? .noResponse : .latencyBudget
        case .audioMilliseconds: self = silent ? .noResponse : .valueMismatch
        case .interrupted, .usage, .closeCode: self = .valueMismatch
        case .judge: self = .judgeError
        }
    }

    /// Whether `value` is above what `predicate` allows: too many calls rather than too few.
    private static func exceedsUpperBound(_ predicate: Predicate, _ value: Double) -> Bool {
        switch predicate {
        case .lessThan(let bound): value >= bound
        case .atMost(let bound): value > bound
        case .between(_, let high): value > high
        case .equals(let expected): expected.doubleValue.map { value > $0 } ?? false
        default: false
        }
    }
}
