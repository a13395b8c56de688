import GeminiLiveProtocol

/// Everything one attempt of a scenario needs, with every file already read: the setup, the encoded turns and
/// the canned tool answers. The same plan serves every repeat of the scenario.
public struct AttemptPlan: Sendable, Equatable {
    /// The default bound on one reply; a silent model should cost little, so not a minute.
    public static let defaultTurnTimeout = Duration.seconds(30)

    /// The session's setup.
    public var setup: Setup
    /// The turns, in scenario order.
    public var turns: [PreparedTurn]
    /// Canned answers by function name.
    public var toolResponses: [CannedToolResponse]
    /// How long a reply may take after the turn's input (or our latest tool response) before the attempt gives up.
    public var turnTimeout: Duration

    /// Creates a plan.
    public init(
        setup: Setup, turns: [PreparedTurn], toolResponses: [CannedToolResponse] = [],
        turnTimeout: Duration = AttemptPlan.defaultTurnTimeout
    ) {
        self.setup = setup
        self.turns = turns
        self.toolResponses = toolResponses
        self.turnTimeout = turnTimeout
    }
}
