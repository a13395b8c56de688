import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSession
import GeminiLiveSystem

extension AttemptPlan {
    /// The plan of `scenario`: its setup with every file read, its turns encoded, its canned answers.
    ///
    /// Done once per scenario, before any attempt, so that a missing audio file is reported at its
    /// `file:line:column` before anything connects, and repeats do not encode the same audio again.
    /// `environment` supplies `GEMINI_LIVE_MODEL` for a scenario that names no model.
    public init(
        scenario: Scenario, environment: [String: String], turnTimeout: Duration = AttemptPlan.defaultTurnTimeout
    ) throws(ToolError) {
        let setup = try Self.setup(of: scenario, environment: environment)
        let encoder = TurnInputEncoder(activityDetection: scenario.activityDetection, folder: scenario.folder)
        var turns: [PreparedTurn] = []
        for turn in scenario.turns {
            turns.append(
                PreparedTurn(
                    messages: try encoder.messages(for: turn.input),
                    awaitsReply: turn.awaitsReply(activityDetection: scenario.activityDetection), start: turn.start))
        }
        let toolResponses = scenario.toolResponses.map { canned in
            // A command runs in the scenario's folder, like every other file the scenario names.
            guard case .command(let command) = canned.rule else { return canned }
            var moved = canned
            moved.rule = .command("cd \(Self.shellQuoted(scenario.folder)) && \(command)")
            return moved
        }
        self.init(setup: setup, turns: turns, toolResponses: toolResponses, turnTimeout: turnTimeout)
    }

    /// The setup message a scenario describes (or names with `setup_file:`).
    static func setup(of scenario: Scenario, environment: [String: String]) throws(ToolError) -> Setup {
        let folder = scenario.folder
        let described: ScenarioSetup
        switch scenario.setup {
        case .file(let file):
            return try read(file, in: folder) { path throws(SessionSetupError) in try SetupFiles.setup(path: path) }
        case .described(let setup):
            described = setup
        }
        let model = described.model ?? environment["GEMINI_LIVE_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
        var options = SetupOptions()
        options.modality = described.response == .text ? .text : .audio
        options.voice = described.voice
        options.transcribeInput = described.transcription
        options.transcribeOutput = described.transcription
        options.vad = described.activityDetection == .server ? nil : .off
        switch described.system {
        case .text(let text)?:
            options.systemInstruction = text
        case .file(let file)?:
            options.systemInstruction = try read(file, in: folder) { path throws(SessionSetupError) in
                try SetupFiles.text("@" + path, option: "system_file")
            }
        case nil:
            break
        }
        if let tools = described.tools {
            options.tools = try read(tools, in: folder) { path throws(SessionSetupError) in
                try SetupFiles.tools(path: path)
            }
        }
        var setup = options.apply(to: Setup(model: SetupOptions.qualifiedModel(model ?? SetupOptions.defaultModel)))
        guard !described.raw.isEmpty else { return setup }
        // `raw:` members are laid over the built setup as they are, for fields the scenario does not model.
        guard case .object(var object) = setup.json else { return setup }
        for (key, value) in described.raw { object[key] = value }
        do {
            setup = try Setup(json: .object(object))
        } catch {
            throw ToolError(category: .badData, description: "\(scenario.path): setup.raw: \(error)")
        }
        return setup
    }

    /// Reads a file the scenario names; a failure names the place it was named.
    private static func read<Value>(
        _ file: FileReference, in folder: String, _ body: (String) throws(SessionSetupError) -> Value
    ) throws(ToolError) -> Value {
        do {
            return try body(file.resolved(in: folder))
        } catch {
            throw ToolError(category: .badData, description: "\(file.location): \(error.message)")
        }
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}
