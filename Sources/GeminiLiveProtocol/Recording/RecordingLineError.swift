/// What is wrong with one line of a recording, without its place: the reader adds `file:line:column`.
public struct RecordingLineError: Error, Sendable, Equatable {
    /// The problem, ending with the member at fault in parentheses.
    public let problem: String

    /// Creates an error.
    public init(_ problem: String) {
        self.problem = problem
    }
}
