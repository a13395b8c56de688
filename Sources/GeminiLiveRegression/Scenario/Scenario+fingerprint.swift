import GeminiLiveProtocol
import GeminiLiveSystem

extension Scenario {
    /// `sha256:` and the hex digest of what the scenario sends: its setup and its turns' inputs, normalised.
    ///
    /// A cassette's header keeps this, and replay calls a cassette stale when it no longer matches: the recording
    /// then shows how the model answered a different prompt. So the fingerprint covers what reaches the model
    /// (model, system instruction, tools, voice, modality, transcription, activity detection, `raw`, each turn's
    /// input and its `at:`), with files by their contents, and leaves out what only judges the answers (name,
    /// tags, expectations, `require`) or is settled at replay (`tool_responses`: a changed answer diverges
    /// there, at the frame that differs). Layout, comments and key order of the YAML do not count; a system
    /// file counts by its text without trailing newlines, as the session reads `--system @FILE`.
    ///
    /// Reading a named file that is missing throws the error a run would report, at the place it is named.
    public func fingerprint() throws(ToolError) -> String {
        var document = JSONObject()
        document.append("setup", try fingerprintedSetup())
        var turns: [JSONValue] = []
        for turn in self.turns { turns.append(try fingerprinted(turn)) }
        document.append("turns", .array(turns))
        return "sha256:" + SHA256.hex(JSONValue.object(document).sortingKeys().compactBytes)
    }

    private func fingerprintedSetup() throws(ToolError) -> JSONValue {
        switch setup {
        case .file(let reference):
            return ["setup_file": try Self.json(reference, in: folder)]
        case .described(let described):
            var object = JSONObject()
            object.append("model", described.model.map(JSONValue.string) ?? .null)
            switch described.system {
            case .text(let text)?:
                object.append("system", .string(text))
            case .file(let reference)?:
                var text = String(decoding: try Self.bytes(reference, in: folder), as: UTF8.self)
                while text.last?.isNewline == true { text.removeLast() }
                object.append("system", .string(text))
            case nil:
                object.append("system", .null)
            }
            object.append(
                "tools",
                try described.tools.map { reference throws(ToolError) in
                    Self.sortingDeclarations(try Self.json(reference, in: folder))
                } ?? .null)
            object.append("voice", described.voice.map(JSONValue.string) ?? .null)
            object.append("response", .string(described.response.rawValue))
            object.append("transcription", .bool(described.transcription))
            object.append("vad", .string(described.activityDetection.rawValue))
            object.append("raw", .object(described.raw))
            return .object(object)
        }
    }

    private func fingerprinted(_ turn: ScenarioTurn) throws(ToolError) -> JSONValue {
        var object = JSONObject()
        switch turn.input {
        case .audio(let reference): object.append("audio", .string(try Self.contentHash(reference, in: folder)))
        case .image(let reference): object.append("image", .string(try Self.contentHash(reference, in: folder)))
        case .text(let text): object.append("text", .string(text))
        case .silence(let milliseconds): object.append("silence_ms", .number(JSONNumber(milliseconds)))
        case .activityStart: object.append("activity_start", true)
        case .activityEnd: object.append("activity_end", true)
        case .audioStreamEnd: object.append("audio_stream_end", true)
        }
        if let start = turn.start {
            object.append(
                "at",
                ["after": .string(start.after.rawValue), "delay_ms": .number(JSONNumber(start.delayMilliseconds))])
        }
        return .object(object)
    }

    private static func bytes(_ reference: FileReference, in folder: String) throws(ToolError) -> [UInt8] {
        do {
            return try WholeFile.read(reference.resolved(in: folder))
        } catch {
            throw ToolError(category: error.category, description: "\(reference.location): \(error)")
        }
    }

    private static func contentHash(_ reference: FileReference, in folder: String) throws(ToolError) -> String {
        "sha256:" + SHA256.hex(try bytes(reference, in: folder))
    }

    private static func json(_ reference: FileReference, in folder: String) throws(ToolError) -> JSONValue {
        let bytes = try bytes(reference, in: folder)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .invalidScenario(
                at: reference.location, "'\(reference.path)' is not JSON: \(error.message)", key: reference.path)
        }
    }

    /// Tool declarations in name order, wherever a list holds only named objects: the model sees a set.
    private static func sortingDeclarations(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            let sorted = elements.map(sortingDeclarations)
            let named = sorted.compactMap { element in element["name"]?.stringValue.map { ($0, element) } }
            guard !named.isEmpty, named.count == sorted.count else { return .array(sorted) }
            return .array(named.sorted { $0.0 < $1.0 }.map(\.1))
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object { result.append(key, sortingDeclarations(member)) }
            return .object(result)
        default:
            return value
        }
    }
}

extension JSONValue {
    /// The value with every object's members in key order (by UTF-8 bytes), so that equal JSON has equal text.
    fileprivate func sortingKeys() -> JSONValue {
        switch self {
        case .object(let object):
            let members = object.map { ($0.0, $0.1.sortingKeys()) }
            return .object(JSONObject(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }))
        case .array(let elements):
            return .array(elements.map { $0.sortingKeys() })
        default:
            return self
        }
    }
}
