/// One failed verdict of an expectation, with the attempt it came from: a line of a failure's details.
public struct AttemptFailure: Sendable, Equatable {
    /// The attempt's number, from 1.
    public var attempt: Int
    /// The verdict, with its kind and the actual value.
    public var result: ExpectationResult

    /// Creates a failure.
    public init(attempt: Int, result: ExpectationResult) {
        self.attempt = attempt
        self.result = result
    }

    /// The kind; a failed verdict always has one.
    public var kind: FailureKind { result.kind ?? .valueMismatch }
}
