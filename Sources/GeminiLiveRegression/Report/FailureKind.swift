/// Why an expectation failed in one attempt, as a stable name for grouping failures in reports and results
/// (`6× turn 2 latency_budget`). The names are part of the output formats: add cases, never rename them.
public enum FailureKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// A transcript or text did not contain, equal or avoid the expected words.
    case textMismatch = "text_mismatch"
    /// A transcript or text did not match the regular expression.
    case regexMismatch = "regex_mismatch"
    /// No function call of the expected name (or too few calls).
    case missingToolCall = "missing_tool_call"
    /// A call of the expected name came, but its arguments did not contain the expected ones.
    case toolArgsMismatch = "tool_args_mismatch"
    /// More function calls than allowed.
    case unexpectedToolCall = "unexpected_tool_call"
    /// The turn's server events did not come in the expected order.
    case orderMismatch = "order_mismatch"
    /// A timing figure missed its bound.
    case latencyBudget = "latency_budget"
    /// The reply was cut: no `generationComplete` before `turnComplete`, or interrupted.
    case truncated
    /// The model produced nothing for the turn, so the value looked at was never there.
    case noResponse = "no_response"
    /// A silence inside the reply was longer than allowed.
    case stall
    /// Any other value (a flag, a count, a usage figure, a close code) that did not satisfy its predicate.
    case valueMismatch = "value_mismatch"
    /// The attempt ended before the turn was reached: a failure, never a pass.
    case notRun = "not_run"
    /// The attempt could not run: connect refused, 1011 after the retries, a close before `setupComplete`.
    case transportError = "transport_error"
    /// The client did something the cassette did not record: the replay stopped.
    case replayDivergence = "replay_divergence"
    /// The scenario changed since its cassette was recorded.
    case staleCassette = "stale_cassette"
    /// A judge's verdict on the turn was fail.
    case judgeFail = "judge_fail"
    /// A judge could not tell whether the turn meets its criterion: not a pass.
    case judgeUnsure = "judge_unsure"
    /// The judge gave no verdict: it exited non-zero, timed out, or printed something other than pass, fail
    /// or unsure. A fault of the judge, not the model's, but never a pass.
    case judgeError = "judge_error"
}
