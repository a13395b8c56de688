import GeminiLiveProtocol

/// A rule of a `--script`: when a turn matches, the model performs the actions.
public struct ScriptRule: Sendable, Equatable {
    /// A regular expression searched (case-insensitively) in the user's text and transcript; nil matches any.
    public var pattern: String?
    /// The input kind the turn must have (`text`, `audio`, `content`); nil matches any.
    public var kind: TurnInput.Kind?
    /// The turn number the rule applies to; nil for any turn.
    public var turn: Int?
    /// What the model does.
    public var actions: [ScriptAction]
    /// Whether the rule may fire more than once.
    public var repeats: Bool

    /// Creates a rule.
    public init(pattern: String?, kind: TurnInput.Kind?, turn: Int?, actions: [ScriptAction], repeats: Bool = true) {
        self.pattern = pattern
        self.kind = kind
        self.turn = turn
        self.actions = actions
        self.repeats = repeats
    }

    /// Whether the rule applies to a turn of `kind` numbered `turn` whose words are `said`.
    func matches(kind: TurnInput.Kind, turn: Int, said: String) -> Bool {
        if let required = self.kind, required != kind { return false }
        if let required = self.turn, required != turn { return false }
        guard let pattern else { return true }
        guard let regex = try? Regex(pattern).ignoresCase() else { return false }
        return said.contains(regex)
    }
}
