import GeminiLiveProtocol
import GeminiLiveSystem

extension Scenario {
    static let topLevelKeys = ["name", "tags", "setup", "setup_file", "tool_responses", "require", "turns"]
    static let setupKeys = [
        "model", "system", "system_file", "tools", "voice", "response", "transcription", "vad", "raw",
    ]
    static let turnKeys = [
        "audio", "text", "image", "silence_ms", "activity_start", "activity_end", "audio_stream_end", "at", "expect",
    ]
    /// The turn keys that are inputs, of which a turn has exactly one.
    static let inputKeys = Array(turnKeys.prefix(7))

    /// Reads a scenario file.
    ///
    /// A file that cannot be read is a `noInput`/`io` error from `WholeFile`; one that is not a valid scenario
    /// is bad data at its `file:line:column`.
    public init(contentsOfFile path: String) throws(ToolError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw ToolError(error)
        }
        try self.init(yaml: String(decoding: bytes, as: UTF8.self), path: path)
    }

    /// Parses a scenario's text; `path` names it in errors and anchors its relative file names.
    public init(yaml text: String, path: String) throws(ToolError) {
        let root = try SourceNode(yaml: text, file: path)
        var fields = try MappingFields(root, path: "")
        try fields.rejectUnknownKeys(known: Self.topLevelKeys)
        let name = try fields.string("name") ?? Self.defaultName(path)
        let tags = try Self.tags(fields.takeValue("tags"))
        let setupNode = fields.take("setup")
        let setupFile = fields.take("setup_file")
        let setup: SetupSource
        switch (setupNode, setupFile) {
        case (let node?, _?):
            throw .invalidScenario(at: node.keyLocation, "give setup or setup_file, not both", key: "setup")
        case (_, let file?):
            let reference = FileReference(
                path: try MappingFields.string(file.value, path: "setup_file"), location: file.value.location)
            setup = .file(reference)
        case (let node?, nil):
            setup = .described(try Self.setup(node.value))
        case (nil, nil):
            setup = .described(ScenarioSetup())
        }
        let toolResponses = try fields.takeValue("tool_responses").map(Self.toolResponses) ?? []
        var requirement = 1.0
        if let node = fields.takeValue("require") {
            requirement = try MappingFields.number(node, path: "require")
            guard (0...1).contains(requirement) else {
                throw .invalidScenario(at: node.location, "require must be between 0 and 1", key: "require")
            }
        }
        guard let turnsNode = fields.takeValue("turns") else {
            throw .invalidScenario(at: root.location, "a scenario needs turns", key: "turns")
        }
        guard case .sequence(let turnNodes) = turnsNode.value else {
            throw .invalidScenario(
                at: turnsNode.location, "expected a list of turns, found \(turnsNode.typeName)", key: "turns")
        }
        guard !turnNodes.isEmpty else {
            throw .invalidScenario(at: turnsNode.location, "a scenario needs at least one turn", key: "turns")
        }
        var turns: [ScenarioTurn] = []
        for (index, node) in turnNodes.enumerated() { turns.append(try Self.turn(node, path: "turns[\(index)]")) }
        self.init(
            path: path, name: name, tags: tags, setup: setup, toolResponses: toolResponses, requirement: requirement,
            turns: turns)
    }

    private static func defaultName(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// `tags: [a, b]` or `tags: a`.
    private static func tags(_ node: SourceNode?) throws(ToolError) -> [String] {
        guard let node else { return [] }
        if case .string(let tag) = node.value { return [tag] }
        guard case .sequence(let elements) = node.value else {
            throw .invalidScenario(at: node.location, "expected a list of tags, found \(node.typeName)", key: "tags")
        }
        var tags: [String] = []
        for element in elements { tags.append(try MappingFields.string(element, path: "tags")) }
        return tags
    }

    private static func setup(_ node: SourceNode) throws(ToolError) -> ScenarioSetup {
        var fields = try MappingFields(node, path: "setup")
        try fields.rejectUnknownKeys(known: setupKeys)
        var setup = ScenarioSetup()
        setup.model = try fields.string("model")
        let system = fields.take("system")
        let systemFile = fields.take("system_file")
        switch (system, systemFile) {
        case (let text?, _?):
            throw .invalidScenario(at: text.keyLocation, "give system or system_file, not both", key: "setup.system")
        case (let text?, nil):
            setup.system = .text(try MappingFields.string(text.value, path: "setup.system"))
        case (nil, let file?):
            let path = try MappingFields.string(file.value, path: "setup.system_file")
            setup.system = .file(FileReference(path: path, location: file.value.location))
        case (nil, nil):
            break
        }
        if let tools = fields.takeValue("tools") {
            let path = try MappingFields.string(tools, path: "setup.tools")
            setup.tools = FileReference(path: path, location: tools.location)
        }
        setup.voice = try fields.string("voice")
        if let response = fields.takeValue("response") {
            setup.response = try choice(response, path: "setup.response")
        }
        setup.transcription = try fields.bool("transcription") ?? true
        if let vad = fields.takeValue("vad") {
            // YAML 1.2 reads `off` as a string, but a user may still write `false` for it.
            if case .bool(false) = vad.value {
                setup.activityDetection = .off
            } else {
                setup.activityDetection = try choice(vad, path: "setup.vad")
            }
        }
        if let raw = fields.takeValue("raw") {
            guard case .object(let object) = raw.json else {
                throw .invalidScenario(
                    at: raw.location, "expected a mapping of setup fields, found \(raw.typeName)", key: "setup.raw")
            }
            setup.raw = object
        }
        return setup
    }

    /// A string that must be one of an enumeration's raw values.
    private static func choice<Choice: RawRepresentable & CaseIterable>(
        _ node: SourceNode, path: String
    ) throws(ToolError) -> Choice where Choice.RawValue == String {
        let text = try MappingFields.string(node, path: path)
        guard let value = Choice(rawValue: text) else {
            let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidScenario(at: node.location, "unknown value \"\(text)\"; expected one of: \(known)", key: path)
        }
        return value
    }

    private static func toolResponses(_ node: SourceNode) throws(ToolError) -> [CannedToolResponse] {
        let fields = try MappingFields(node, path: "tool_responses")
        guard case .mapping(let members) = node.value else { return [] }
        var responses: [CannedToolResponse] = []
        for member in members {
            let path = fields.path(of: member.key)
            responses.append(
                CannedToolResponse(
                    function: member.key, rule: try toolRule(member.value, path: path), location: member.keyLocation))
        }
        return responses
    }

    /// A mapping whose only key is `command` runs a command; a list is `when`/`result` cases; any other
    /// mapping is the result itself.
    private static func toolRule(_ node: SourceNode, path: String) throws(ToolError) -> CannedToolResponse.Rule {
        switch node.value {
        case .mapping(let members) where members.count == 1 && members[0].key == "command":
            return .command(try MappingFields.string(members[0].value, path: "\(path).command"))
        case .mapping:
            return .fixed(node.json)
        case .sequence(let elements):
            var cases: [CannedToolResponse.Case] = []
            for (index, element) in elements.enumerated() {
                var fields = try MappingFields(element, path: "\(path)[\(index)]")
                try fields.rejectUnknownKeys(known: ["when", "result"])
                let when = fields.takeValue("when")
                if let when, case .mapping = when.value {
                } else if let when {
                    throw .invalidScenario(
                        at: when.location, "expected a mapping of arguments, found \(when.typeName)",
                        key: fields.path(of: "when"))
                }
                guard let result = fields.takeValue("result") else {
                    throw .invalidScenario(
                        at: element.location, "a case needs a result", key: fields.path(of: "result"))
                }
                guard case .mapping = result.value else {
                    throw .invalidScenario(
                        at: result.location, "a function result must be a mapping, found \(result.typeName)",
                        key: fields.path(of: "result"))
                }
                cases.append(CannedToolResponse.Case(when: when?.json, result: result.json))
            }
            return .cases(cases)
        default:
            throw .invalidScenario(
                at: node.location,
                "expected a result mapping, a list of {when, result} or {command}, found \(node.typeName)", key: path)
        }
    }

    private static func turn(_ node: SourceNode, path: String) throws(ToolError) -> ScenarioTurn {
        // A bare marker (`- audio_stream_end`) is a turn of that input alone.
        if case .string(let marker) = node.value {
            guard let input = bareMarker(marker) else {
                throw .invalidScenario(
                    at: node.location, "a turn is a mapping, or one of activity_start, activity_end, audio_stream_end",
                    key: path)
            }
            return ScenarioTurn(input: input, location: node.location)
        }
        var fields = try MappingFields(node, path: path)
        try fields.rejectUnknownKeys(known: turnKeys)
        let present = inputKeys.filter { fields.keys.contains($0) }
        guard present.count == 1, let inputKey = present.first, let member = fields.take(inputKey) else {
            let problem =
                present.isEmpty
                ? "a turn needs one input: \(inputKeys.joined(separator: ", "))"
                : "a turn has one input; found \(present.joined(separator: " and "))"
            throw .invalidScenario(at: node.location, problem, key: path)
        }
        let input = try Self.input(inputKey, member.value, path: fields.path(of: inputKey))
        let start = try fields.takeValue("at").map { (node) throws(ToolError) in
            try Self.start(node, path: fields.path(of: "at"))
        }
        var expectations: [Expectation] = []
        if let expect = fields.takeValue("expect") {
            guard case .sequence(let items) = expect.value else {
                throw .invalidScenario(
                    at: expect.location, "expected a list of expectations, found \(expect.typeName)",
                    key: fields.path(of: "expect"))
            }
            for (index, item) in items.enumerated() {
                expectations.append(try Expectation(node: item, path: "\(fields.path(of: "expect"))[\(index)]"))
            }
        }
        return ScenarioTurn(input: input, start: start, expectations: expectations, location: node.location)
    }

    private static func bareMarker(_ text: String) -> ScenarioTurn.Input? {
        switch text {
        case "activity_start": .activityStart
        case "activity_end": .activityEnd
        case "audio_stream_end": .audioStreamEnd
        default: nil
        }
    }

    private static func input(_ key: String, _ node: SourceNode, path: String) throws(ToolError) -> ScenarioTurn.Input {
        switch key {
        case "audio":
            return .audio(FileReference(path: try MappingFields.string(node, path: path), location: node.location))
        case "image":
            return .image(FileReference(path: try MappingFields.string(node, path: path), location: node.location))
        case "text":
            return .text(try MappingFields.string(node, path: path))
        case "silence_ms":
            let milliseconds = try MappingFields.integer(node, path: path)
            guard milliseconds > 0 else {
                throw .invalidScenario(at: node.location, "silence_ms must be positive", key: path)
            }
            return .silence(milliseconds: milliseconds)
        default:
            // `activity_start: true` or an empty `activity_start:`; `false` would be a turn that sends nothing.
            switch node.value {
            case .null, .bool(true): return bareMarker(key)!
            default:
                throw .invalidScenario(at: node.location, "expected true or nothing, found \(node.typeName)", key: path)
            }
        }
    }

    private static func start(_ node: SourceNode, path: String) throws(ToolError) -> ScenarioTurn.Start {
        var fields = try MappingFields(node, path: path)
        try fields.rejectUnknownKeys(known: ["after", "delay_ms"])
        guard let after = fields.takeValue("after") else {
            throw .invalidScenario(at: node.location, "at needs after: an event of the reply", key: "\(path).after")
        }
        let event: ReplyMoment = try choice(after, path: "\(path).after")
        let delay = try fields.integer("delay_ms") ?? 0
        guard delay >= 0 else {
            throw .invalidScenario(at: node.location, "delay_ms must not be negative", key: "\(path).delay_ms")
        }
        return ScenarioTurn.Start(after: event, delayMilliseconds: delay)
    }
}
