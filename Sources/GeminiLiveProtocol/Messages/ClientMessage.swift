/// One client-to-server frame: exactly one of setup, clientContent, realtimeInput, toolResponse or contextUpdate.
public struct ClientMessage: JSONConvertible, CustomStringConvertible {
    /// The oneof payload of a client message.
    public enum Kind: Sendable, Equatable {
        case setup(Setup)
        case clientContent(ClientContent)
        case realtimeInput(RealtimeInput)
        case toolResponse(ToolResponse)
        case contextUpdate(ContextUpdate)

        /// The camelCase wire name of the payload.
        public var fieldName: String {
            switch self {
            case .setup: "setup"
            case .clientContent: "clientContent"
            case .realtimeInput: "realtimeInput"
            case .toolResponse: "toolResponse"
            case .contextUpdate: "contextUpdate"
            }
        }

        var payloadJSON: JSONValue {
            switch self {
            case .setup(let payload): payload.json
            case .clientContent(let payload): payload.json
            case .realtimeInput(let payload): payload.json
            case .toolResponse(let payload): payload.json
            case .contextUpdate(let payload): payload.json
            }
        }
    }

    static let fieldNames = ["setup", "clientContent", "realtimeInput", "toolResponse", "contextUpdate"]

    /// The payload.
    public var kind: Kind
    /// Top-level members besides the payload, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a client message.
    public init(_ kind: Kind, unknownFields: JSONObject = [:]) {
        self.kind = kind
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        let present = Self.fieldNames.filter { fields.contains($0) }
        guard present.count == 1, let name = present.first else {
            let expected =
                "a client message needs exactly one of setup, clientContent, realtimeInput, toolResponse, contextUpdate"
            if present.isEmpty { throw MessageDecodingError(reason: "\(expected); found none") }
            throw MessageDecodingError(reason: "\(expected); found \(present.joined(separator: " and "))")
        }
        switch name {
        case "setup": kind = .setup(try fields.decode(name)!)
        case "clientContent": kind = .clientContent(try fields.decode(name)!)
        case "realtimeInput": kind = .realtimeInput(try fields.decode(name)!)
        case "toolResponse": kind = .toolResponse(try fields.decode(name)!)
        default: kind = .contextUpdate(try fields.decode(name)!)
        }
        unknownFields = fields.unknownFields
    }

    /// Parses and decodes one JSON text (e.g. an NDJSON line without its newline).
    public init(line: some Collection<UInt8>) throws(MessageDecodingError) {
        try self.init(json: try JSONValue.parseMessage(line))
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.append(kind.fieldName, kind.payloadJSON)
        return object.finished(with: unknownFields)
    }

    /// The setup payload, if this is a setup message.
    public var setup: Setup? {
        if case .setup(let payload) = kind { return payload }
        return nil
    }

    /// The client content payload, if this is one.
    public var clientContent: ClientContent? {
        if case .clientContent(let payload) = kind { return payload }
        return nil
    }

    /// The realtime input payload, if this is one.
    public var realtimeInput: RealtimeInput? {
        if case .realtimeInput(let payload) = kind { return payload }
        return nil
    }

    /// The tool response payload, if this is one.
    public var toolResponse: ToolResponse? {
        if case .toolResponse(let payload) = kind { return payload }
        return nil
    }

    /// The context update payload, if this is one.
    public var contextUpdate: ContextUpdate? {
        if case .contextUpdate(let payload) = kind { return payload }
        return nil
    }
}

extension JSONValue {
    /// Parses a message text, reporting a JSON syntax error as a decoding error of the whole message.
    static func parseMessage(_ bytes: some Collection<UInt8>) throws(MessageDecodingError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw MessageDecodingError(reason: error.description)
        }
    }
}
