import GeminiLiveProtocol

/// A `--script` file: rules tried in order; the first that matches a turn decides the reply.
///
/// The format is JSON:
/// `{"rules": [{"match": {"text": "weather", "kind": "text", "turn": 1}, "once": false,
///   "reply": [{"say": "..."}, {"delay": 1.5}, {"toolCall": {"name": "f", "args": {}, "id": "call_1"}},
///   {"interrupt": true}, {"fault": "drop"}, {"slowPongs": 20}]}]}`. A turn no rule matches gets the default reply.
public struct EmulatorScript: Sendable, Equatable {
    /// The rules, in file order.
    public var rules: [ScriptRule]

    /// Creates a script.
    public init(rules: [ScriptRule]) {
        self.rules = rules
    }

    /// A script that is not valid, with the reason.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong, with its place (`rules[2].reply[0]`).
        public var description: String
    }

    /// Parses a script's JSON text.
    public init(json bytes: [UInt8]) throws(Invalid) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Invalid(description: "not JSON: \(error)")
        }
        guard let list = value["rules"]?.arrayValue else { throw Invalid(description: "expected {\"rules\": [...]}") }
        var rules: [ScriptRule] = []
        for (index, item) in list.enumerated() {
            rules.append(try Self.rule(item, at: "rules[\(index)]"))
        }
        self.rules = rules
    }

    static func rule(_ value: JSONValue, at place: String) throws(Invalid) -> ScriptRule {
        let match = value["match"]
        var kind: TurnInput.Kind?
        if let name = match?["kind"]?.stringValue, name != "any" {
            guard let parsed = TurnInput.Kind(rawValue: name) else {
                throw Invalid(description: "\(place).match.kind: expected text, audio, content or any")
            }
            kind = parsed
        }
        let pattern = match?["text"]?.stringValue
        if let pattern, (try? Regex(pattern)) == nil {
            throw Invalid(description: "\(place).match.text: not a regular expression: \(pattern)")
        }
        guard let steps = value["reply"]?.arrayValue else { throw Invalid(description: "\(place): missing reply") }
        var actions: [ScriptAction] = []
        for (index, step) in steps.enumerated() {
            actions.append(try action(step, at: "\(place).reply[\(index)]"))
        }
        return ScriptRule(
            pattern: pattern, kind: kind, turn: match?["turn"]?.intValue, actions: actions,
            repeats: value["once"]?.boolValue != true)
    }

    static func action(_ value: JSONValue, at place: String) throws(Invalid) -> ScriptAction {
        if let text = value["say"]?.stringValue { return .say(text) }
        if let seconds = value["delay"]?.doubleValue {
            // A day at most: beyond, a value is a typo, and a huge one would overflow the sleep's nanoseconds.
            guard (0...86_400).contains(seconds) else {
                throw Invalid(description: "\(place).delay: expected seconds, 0 to 86400")
            }
            return .delay(seconds)
        }
        if let call = value["toolCall"], let name = call["name"]?.stringValue {
            return .toolCall(name: name, args: call["args"] ?? .object(JSONObject()), id: call["id"]?.stringValue)
        }
        if value["interrupt"] != nil { return .interrupt }
        if let seconds = value["slowPongs"]?.doubleValue {
            guard (0...86_400).contains(seconds) else {
                throw Invalid(description: "\(place).slowPongs: expected seconds, 0 to 86400")
            }
            return .slowPongs(seconds)
        }
        if let name = value["fault"]?.stringValue {
            guard let fault = ScriptFault(rawValue: name) else {
                throw Invalid(description: "\(place).fault: expected drop, fail, goAway or deadline")
            }
            return .fault(fault)
        }
        throw Invalid(description: "\(place): expected say, delay, toolCall, interrupt, fault or slowPongs")
    }

    /// The index of the first rule for this turn, skipping `once` rules already used.
    func ruleIndex(kind: TurnInput.Kind, turn: Int, said: String, used: Set<Int>) -> Int? {
        rules.indices.first { index in
            (rules[index].repeats || !used.contains(index)) && rules[index].matches(kind: kind, turn: turn, said: said)
        }
    }
}
