/// One server-to-client frame: at most one payload of the oneof, plus `usageMetadata` riding alongside.
public struct ServerMessage: JSONConvertible, CustomStringConvertible {
    /// The oneof payload of a server message.
    public enum Kind: Sendable, Equatable {
        case setupComplete(SetupComplete)
        case serverContent(ServerContent)
        case toolCall(ToolCall)
        case toolCallCancellation(ToolCallCancellation)
        case goAway(GoAway)
        case sessionResumptionUpdate(SessionResumptionUpdate)
        case voiceActivity(VoiceActivity)
        case voiceActivityDetectionSignal(VoiceActivityDetectionSignal)

        /// The camelCase wire name of the payload.
        public var fieldName: String {
            switch self {
            case .setupComplete: "setupComplete"
            case .serverContent: "serverContent"
            case .toolCall: "toolCall"
            case .toolCallCancellation: "toolCallCancellation"
            case .goAway: "goAway"
            case .sessionResumptionUpdate: "sessionResumptionUpdate"
            case .voiceActivity: "voiceActivity"
            case .voiceActivityDetectionSignal: "voiceActivityDetectionSignal"
            }
        }

        var payloadJSON: JSONValue {
            switch self {
            case .setupComplete(let payload): payload.json
            case .serverContent(let payload): payload.json
            case .toolCall(let payload): payload.json
            case .toolCallCancellation(let payload): payload.json
            case .goAway(let payload): payload.json
            case .sessionResumptionUpdate(let payload): payload.json
            case .voiceActivity(let payload): payload.json
            case .voiceActivityDetectionSignal(let payload): payload.json
            }
        }
    }

    static let fieldNames = [
        "setupComplete", "serverContent", "toolCall", "toolCallCancellation", "goAway", "sessionResumptionUpdate",
        "voiceActivity", "voiceActivityDetectionSignal",
    ]

    /// The payload; nil for an empty `{}` message, which the service sends now and then.
    public var kind: Kind?
    /// Token counts, usually on the frame carrying `turnComplete`.
    public var usageMetadata: UsageMetadata?
    /// Top-level members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a server message.
    public init(_ kind: Kind?, usageMetadata: UsageMetadata? = nil, unknownFields: JSONObject = [:]) {
        self.kind = kind
        self.usageMetadata = usageMetadata
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        let present = Self.fieldNames.filter { fields.contains($0) }
        guard present.count <= 1 else {
            throw MessageDecodingError(
                reason: "a server message holds at most one payload; found \(present.joined(separator: " and "))")
        }
        switch present.first {
        case nil: kind = nil
        case "setupComplete": kind = .setupComplete(try fields.decode("setupComplete")!)
        case "serverContent": kind = .serverContent(try fields.decode("serverContent")!)
        case "toolCall": kind = .toolCall(try fields.decode("toolCall")!)
        case "toolCallCancellation": kind = .toolCallCancellation(try fields.decode("toolCallCancellation")!)
        case "goAway": kind = .goAway(try fields.decode("goAway")!)
        case "sessionResumptionUpdate": kind = .sessionResumptionUpdate(try fields.decode("sessionResumptionUpdate")!)
        case "voiceActivity": kind = .voiceActivity(try fields.decode("voiceActivity")!)
        default: kind = .voiceActivityDetectionSignal(try fields.decode("voiceActivityDetectionSignal")!)
        }
        usageMetadata = try fields.decode("usageMetadata")
        unknownFields = fields.unknownFields
    }

    /// Parses and decodes one JSON text (a frame, or an NDJSON line without its newline).
    public init(line: some Collection<UInt8>) throws(MessageDecodingError) {
        try self.init(json: try JSONValue.parseMessage(line))
    }

    public var json: JSONValue {
        var object = JSONObject()
        if let kind { object.append(kind.fieldName, kind.payloadJSON) }
        object.put("usageMetadata", usageMetadata)
        return object.finished(with: unknownFields)
    }

    /// The server content payload, if this is one.
    public var serverContent: ServerContent? {
        if case .serverContent(let payload)? = kind { return payload }
        return nil
    }

    /// The tool call payload, if this is one.
    public var toolCall: ToolCall? {
        if case .toolCall(let payload)? = kind { return payload }
        return nil
    }
}
