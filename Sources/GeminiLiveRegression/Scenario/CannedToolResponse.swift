import GeminiLiveProtocol

/// How a scenario answers the model's calls of one function (`tool_responses:`), so tests need no real tools.
public struct CannedToolResponse: Sendable, Equatable {
    /// One answer of the list form: used when the call's arguments contain `when` (always, if nil).
    public struct Case: Sendable, Equatable {
        /// The arguments a call must contain (subset match); nil matches any call.
        public var when: JSONValue?
        /// The function's result.
        public var result: JSONValue

        /// Creates a case.
        public init(when: JSONValue? = nil, result: JSONValue) {
            self.when = when
            self.result = result
        }
    }

    /// The answering rule.
    public enum Rule: Sendable, Equatable {
        /// The same result for every call.
        case fixed(JSONValue)
        /// The first case whose `when` the call's arguments contain.
        case cases([Case])
        /// A command that reads the call as JSON on stdin and writes the result on stdout.
        case command(String)
    }

    /// What to do with one call.
    public enum Answer: Sendable, Equatable {
        /// Send this result.
        case result(JSONValue)
        /// Run this command to get the result.
        case run(String)
        /// No case matches these arguments.
        case noMatch
    }

    /// The function's name.
    public var function: String
    /// The rule.
    public var rule: Rule
    /// Where the function's entry is.
    public var location: FileLocation

    /// Creates a canned response.
    public init(function: String, rule: Rule, location: FileLocation) {
        self.function = function
        self.rule = rule
        self.location = location
    }

    /// The answer to a call with `arguments` (`.null` when the call had none).
    public func answer(arguments: JSONValue) -> Answer {
        switch rule {
        case .fixed(let result):
            return .result(result)
        case .command(let command):
            return .run(command)
        case .cases(let cases):
            // A call without arguments is matched as an empty object, so `when: {}` still matches it.
            let actual = arguments.isNull ? JSONValue.object([:]) : arguments
            guard let match = cases.first(where: { $0.when?.isSubset(of: actual) ?? true }) else { return .noMatch }
            return .result(match.result)
        }
    }
}
