import GeminiLiveProtocol
import GeminiLiveSystem

extension Expectation {
    /// Reads one `expect:` item: a mapping of one query key (and an optional `require:`) to a predicate
    /// mapping, or to a plain value meaning `equals`. The predicate must suit the query's kind of value, so
    /// `latency.first_audio_ms: {contains: x}` is an error here rather than a failure on every run.
    init(node: SourceNode, path: String) throws(ToolError) {
        var fields = try MappingFields(node, path: path)
        var requirement: Double?
        if let value = fields.takeValue("require") {
            let number = try MappingFields.number(value, path: fields.path(of: "require"))
            guard (0...1).contains(number) else {
                throw .invalidScenario(
                    at: value.location, "require must be between 0 and 1", key: fields.path(of: "require"))
            }
            requirement = number
        }
        let keys = fields.keys
        guard keys.count == 1, let key = keys.first, let member = fields.take(key) else {
            let problem =
                keys.isEmpty
                ? "an expectation needs a query; known queries: \(Query.keyList.joined(separator: ", "))"
                : "an expectation has one query; found \(keys.joined(separator: " and "))"
            throw .invalidScenario(at: node.location, problem, key: path)
        }
        guard let query = Query(key: key) else {
            throw .invalidScenario(
                at: member.keyLocation, "unknown query; known queries: \(Query.keyList.joined(separator: ", "))",
                key: fields.path(of: key))
        }
        let predicate = try Self.predicate(for: query, member.value, path: fields.path(of: key))
        self.init(query: query, predicate: predicate, requirement: requirement, key: key, location: member.keyLocation)
    }

    private static func predicate(for query: Query, _ node: SourceNode, path: String) throws(ToolError) -> Predicate {
        if query == .toolCall { return try callPredicate(node, path: path) }
        if query == .judge { return try judgePredicate(node, path: path) }
        guard case .mapping = node.value else {
            try check(node, suits: query, path: path)
            return .equals(node.json)
        }
        var fields = try MappingFields(node, path: path)
        guard fields.keys.count == 1, let member = fields.take(fields.keys[0]) else {
            throw .invalidScenario(
                at: node.location,
                "a query takes one predicate; found "
                    + (fields.keys.isEmpty ? "none" : fields.keys.joined(separator: " and ")), key: path)
        }
        let key = member.key
        let keyPath = "\(path).\(key)"
        let value = member.value
        let kind = query.valueKind
        func require(_ kinds: Set<Query.ValueKind>) throws(ToolError) {
            guard kinds.contains(kind) else {
                throw .invalidScenario(
                    at: member.keyLocation, "\(key) does not apply to \(query), which is \(kind.phrase)", key: keyPath)
            }
        }
        switch key {
        case "equals":
            try check(value, suits: query, path: keyPath)
            return .equals(value.json)
        case "contains", "not_contains":
            try require([.text, .list])
            let text = try MappingFields.string(value, path: keyPath)
            return key == "contains" ? .contains(text) : .notContains(text)
        case "icontains":
            try require([.text])
            return .containsIgnoringCase(try MappingFields.string(value, path: keyPath))
        case "matches":
            try require([.text])
            let pattern = try MappingFields.string(value, path: keyPath)
            do {
                _ = try Regex(pattern)
            } catch {
                throw .invalidScenario(at: value.location, "not a valid regular expression: \(error)", key: keyPath)
            }
            return .matches(pattern)
        case "lt", "le", "gt", "ge":
            try require([.number])
            let bound = try MappingFields.number(value, path: keyPath)
            switch key {
            case "lt": return .lessThan(bound)
            case "le": return .atMost(bound)
            case "gt": return .greaterThan(bound)
            default: return .atLeast(bound)
            }
        case "between":
            try require([.number])
            guard case .sequence(let bounds) = value.value, bounds.count == 2 else {
                throw .invalidScenario(
                    at: value.location, "between takes a list of two numbers [low, high]", key: keyPath)
            }
            let low = try MappingFields.number(bounds[0], path: keyPath)
            let high = try MappingFields.number(bounds[1], path: keyPath)
            guard low <= high else {
                throw .invalidScenario(at: value.location, "between needs low <= high", key: keyPath)
            }
            return .between(low, high)
        case "exists":
            guard case .bool(let wanted) = value.value else {
                throw .invalidScenario(
                    at: value.location, "expected true or false, found \(value.typeName)", key: keyPath)
            }
            return .exists(wanted)
        case "subsequence":
            try require([.list])
            guard case .sequence(let elements) = value.value else {
                throw .invalidScenario(at: value.location, "subsequence takes a list", key: keyPath)
            }
            var names: [String] = []
            for element in elements { names.append(try MappingFields.string(element, path: keyPath)) }
            return .subsequence(names)
        default:
            throw .invalidScenario(
                at: member.keyLocation,
                "unknown predicate; known predicates: \(Predicate.keys.joined(separator: ", "))",
                key: keyPath)
        }
    }

    /// `tool_call: get_weather` or `tool_call: {name: get_weather, args: {city: Paris}}`.
    private static func callPredicate(_ node: SourceNode, path: String) throws(ToolError) -> Predicate {
        if case .string(let name) = node.value { return .call(name: name, arguments: nil) }
        var fields = try MappingFields(node, path: path)
        try fields.rejectUnknownKeys(known: ["name", "args"])
        let name = try fields.string("name")
        let arguments = fields.takeValue("args")
        if let arguments, case .mapping = arguments.value {
        } else if let arguments {
            throw .invalidScenario(
                at: arguments.location, "expected a mapping, found \(arguments.typeName)", key: "\(path).args")
        }
        return .call(name: name, arguments: arguments?.json)
    }

    /// `judge: {command: ./judge.sh, criterion: "answers in one polite sentence", timeout_s: 30}`.
    private static func judgePredicate(_ node: SourceNode, path: String) throws(ToolError) -> Predicate {
        var fields = try MappingFields(node, path: path)
        try fields.rejectUnknownKeys(known: ["command", "criterion", "timeout_s"])
        func text(_ key: String) throws(ToolError) -> String {
            guard let value = fields.takeValue(key) else {
                throw .invalidScenario(at: node.location, "a judge needs a \(key)", key: fields.path(of: key))
            }
            let text = try MappingFields.string(value, path: fields.path(of: key))
            guard !text.allSatisfy(\.isWhitespace) else {
                throw .invalidScenario(at: value.location, "\(key) must not be empty", key: fields.path(of: key))
            }
            return text
        }
        let command = try text("command")
        let criterion = try text("criterion")
        var judge = JudgeCriterion(command: command, criterion: criterion)
        if let value = fields.takeValue("timeout_s") {
            let seconds = try MappingFields.number(value, path: fields.path(of: "timeout_s"))
            guard seconds > 0, seconds <= 86_400 else {
                throw .invalidScenario(
                    at: value.location, "timeout_s must be above 0 and at most 86400", key: fields.path(of: "timeout_s")
                )
            }
            judge.timeout = .milliseconds(Int((seconds * 1000).rounded(.up)))
        }
        return .judge(judge)
    }

    /// A plain value compared with `equals` must have the query's type, or it could never pass.
    private static func check(_ node: SourceNode, suits query: Query, path: String) throws(ToolError) {
        let fits: Bool
        switch (query.valueKind, node.value) {
        case (.text, .string), (.number, .number), (.flag, .bool), (.list, .sequence): fits = true
        default: fits = false
        }
        guard fits else {
            throw .invalidScenario(
                at: node.location, "\(query) is \(query.valueKind.phrase), found \(node.typeName)", key: path)
        }
    }
}
