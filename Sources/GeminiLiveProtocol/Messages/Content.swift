/// A turn of conversation: a role and its parts.
public struct Content: JSONConvertible {
    /// `user` or `model`; optional in a system instruction.
    public var role: String?
    /// The pieces of the turn, in order.
    public var parts: [Part]
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a content.
    public init(role: String? = nil, parts: [Part], unknownFields: JSONObject = [:]) {
        self.role = role
        self.parts = parts
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        role = try fields.string("role")
        parts = try fields.list("parts") ?? []
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("role", role)
        if !parts.isEmpty { object.put("parts", parts) }
        return object.finished(with: unknownFields)
    }
}
