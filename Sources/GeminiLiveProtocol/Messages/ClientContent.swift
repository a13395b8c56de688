/// Whole turns appended to the conversation history (`clientContent`).
public struct ClientContent: JSONConvertible {
    /// The turns, in order.
    public var turns: [Content]
    /// Whether generation should start now; the proto default is false.
    public var turnComplete: Bool?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates client content.
    public init(turns: [Content], turnComplete: Bool? = nil, unknownFields: JSONObject = [:]) {
        self.turns = turns
        self.turnComplete = turnComplete
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        turns = try fields.list("turns") ?? []
        turnComplete = try fields.bool("turnComplete")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        if !turns.isEmpty { object.put("turns", turns) }
        object.put("turnComplete", turnComplete)
        return object.finished(with: unknownFields)
    }
}
