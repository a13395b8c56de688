import GeminiLiveProtocol

/// The test an expectation applies to a query's value: the right-hand side of `{icontains: sunny}`.
///
/// Evaluation is a pure function of the value. An absent value (no transcript, no close, a metric whose event
/// never came) passes only `exists: false` and `not_contains`, and fails everything else.
public enum Predicate: Sendable, Equatable, CustomStringConvertible {
    /// Equal as JSON (numbers by value).
    case equals(JSONValue)
    /// A text contains the substring; a list contains the element.
    case contains(String)
    /// A text contains the substring, ignoring letter case.
    case containsIgnoringCase(String)
    /// A text contains a match of the regular expression (Swift `Regex` syntax, close to PCRE).
    case matches(String)
    /// The negation of `contains`.
    case notContains(String)
    /// A number below the bound.
    case lessThan(Double)
    /// A number at most the bound.
    case atMost(Double)
    /// A number above the bound.
    case greaterThan(Double)
    /// A number at least the bound.
    case atLeast(Double)
    /// A number in the closed range.
    case between(Double, Double)
    /// Whether the value is present.
    case exists(Bool)
    /// A list holds these elements in this order, others possibly in between.
    case subsequence([String])
    /// One of the calls has this name (if given) and its arguments contain `arguments` (if given).
    case call(name: String?, arguments: JSONValue?)
    /// The judge's verdict on the criterion is pass.
    case judge(JudgeCriterion)

    /// The scenario keys of the predicates.
    public static let keys = [
        "equals", "contains", "icontains", "matches", "not_contains", "lt", "le", "gt", "ge", "between", "exists",
        "subsequence",
    ]

    /// Whether `actual` (nil when absent) satisfies the predicate.
    public func evaluate(_ actual: JSONValue?) -> Bool {
        guard let actual else {
            switch self {
            case .exists(let wanted): return !wanted
            case .notContains: return true
            default: return false
            }
        }
        switch self {
        case .equals(let expected):
            return expected == actual
        case .contains(let needle):
            return Self.contains(actual, needle)
        case .notContains(let needle):
            return !Self.contains(actual, needle)
        case .containsIgnoringCase(let needle):
            guard let text = actual.stringValue else { return false }
            return text.lowercased().contains(needle.lowercased())
        case .matches(let pattern):
            guard let text = actual.stringValue, let regex = try? Regex(pattern) else { return false }
            return text.contains(regex)
        case .lessThan(let bound): return actual.doubleValue.map { $0 < bound } ?? false
        case .atMost(let bound): return actual.doubleValue.map { $0 <= bound } ?? false
        case .greaterThan(let bound): return actual.doubleValue.map { $0 > bound } ?? false
        case .atLeast(let bound): return actual.doubleValue.map { $0 >= bound } ?? false
        case .between(let low, let high): return actual.doubleValue.map { low <= $0 && $0 <= high } ?? false
        case .exists(let wanted):
            return wanted
        case .subsequence(let expected):
            guard let elements = actual.arrayValue else { return false }
            var remaining = expected[...]
            for element in elements where element.stringValue == remaining.first { remaining.removeFirst() }
            return remaining.isEmpty
        case .call(let name, let arguments):
            // The value of `tool_call` is the turn's calls: a list of {name, args} objects.
            // A call without arguments is matched as one with an empty object, so `args: {}` still matches it.
            guard let calls = actual.arrayValue else { return false }
            return calls.contains { call in
                let callArguments = call["args"].flatMap { $0.isNull ? nil : $0 } ?? .object([:])
                return (name == nil || call["name"]?.stringValue == name)
                    && (arguments.map { $0.isSubset(of: callArguments) } ?? true)
            }
        case .judge:
            // The value of a judged turn is its verdict, `{"verdict": "pass", "reason": ...}`.
            return actual["verdict"]?.stringValue == RecordedJudgement.Verdict.pass.rawValue
        }
    }

    private static func contains(_ actual: JSONValue, _ needle: String) -> Bool {
        if let text = actual.stringValue { return text.contains(needle) }
        if let elements = actual.arrayValue { return elements.contains(.string(needle)) }
        return false
    }

    /// The predicate as written in a scenario, for failure messages: `icontains "sunny"`, `between 1 and 2`.
    public var description: String {
        switch self {
        case .equals(let value): "equals \(value)"
        case .contains(let text): "contains \(JSONValue.string(text))"
        case .containsIgnoringCase(let text): "icontains \(JSONValue.string(text))"
        case .matches(let pattern): "matches \(JSONValue.string(pattern))"
        case .notContains(let text): "not_contains \(JSONValue.string(text))"
        case .lessThan(let bound): "lt \(Self.number(bound))"
        case .atMost(let bound): "le \(Self.number(bound))"
        case .greaterThan(let bound): "gt \(Self.number(bound))"
        case .atLeast(let bound): "ge \(Self.number(bound))"
        case .between(let low, let high): "between \(Self.number(low)) and \(Self.number(high))"
        case .exists(let wanted): "exists \(wanted)"
        case .subsequence(let elements): "subsequence \(JSONValue.array(elements.map(JSONValue.string)))"
        case .call(let name, let arguments):
            "call \(name ?? "of any name")" + (arguments.map { " with arguments containing \($0)" } ?? "")
        case .judge(let judge): "pass on \(JSONValue.string(judge.criterion)) by \(judge.command)"
        }
    }

    /// `1500` rather than `1500.0`.
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
