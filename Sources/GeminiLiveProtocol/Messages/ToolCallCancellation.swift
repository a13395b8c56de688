/// Calls the client must no longer answer, usually after a barge-in (`toolCallCancellation`).
public struct ToolCallCancellation: JSONConvertible {
    /// The cancelled call ids.
    public var ids: [String]
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a cancellation.
    public init(ids: [String], unknownFields: JSONObject = [:]) {
        self.ids = ids
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        ids = try fields.strings("ids") ?? []
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("ids", strings: ids)
        return object.finished(with: unknownFields)
    }
}
