/// One regression test: a session setup, canned tool answers, and turns with their expectations, read from
/// one YAML file.
public struct Scenario: Sendable, Equatable {
    /// Where the session's setup comes from.
    public enum SetupSource: Sendable, Equatable {
        /// The `setup:` section (or its defaults when the scenario has none).
        case described(ScenarioSetup)
        /// `setup_file:`, a setup message in JSON.
        case file(FileReference)
    }

    /// The file the scenario was read from, as given.
    public var path: String
    /// The `name:`; the file's name without its extension when absent.
    public var name: String
    /// Labels for `--tag`.
    public var tags: [String]
    /// The session's setup.
    public var setup: SetupSource
    /// Canned answers, in the order written.
    public var toolResponses: [CannedToolResponse]
    /// The pass rate every expectation must reach unless it sets its own.
    public var requirement: Double
    /// The turns, in order.
    public var turns: [ScenarioTurn]

    /// Creates a scenario.
    public init(
        path: String, name: String, tags: [String] = [], setup: SetupSource = .described(ScenarioSetup()),
        toolResponses: [CannedToolResponse] = [], requirement: Double = 1, turns: [ScenarioTurn]
    ) {
        self.path = path
        self.name = name
        self.tags = tags
        self.setup = setup
        self.toolResponses = toolResponses
        self.requirement = requirement
        self.turns = turns
    }

    /// The folder relative file names are resolved in.
    public var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The canned response for `function`, if the scenario has one.
    public func toolResponse(for function: String) -> CannedToolResponse? {
        toolResponses.first { $0.function == function }
    }
}
