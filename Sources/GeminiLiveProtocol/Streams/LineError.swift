/// A problem with one line (or value) of an input stream, shown as `source:line: problem`.
public struct LineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input's name, e.g. `stdin`.
    public var source: String
    /// The 1-based line number.
    public var line: Int
    /// What is wrong, e.g. "expected ':' after object key at column 17".
    public var problem: String

    /// Creates a line error.
    public init(source: String, line: Int, problem: String) {
        self.source = source
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(source):\(line): \(problem)" }
}
