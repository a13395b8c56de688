/// A call the model asks the client to run.
public struct FunctionCall: JSONConvertible {
    /// The call id, echoed back in the `FunctionResponse`.
    public var id: String?
    /// The declared function name.
    public var name: String?
    /// The arguments, exactly as sent (never key-converted); `.null` when absent.
    public var args: JSONValue
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a function call.
    public init(id: String? = nil, name: String?, args: JSONValue = .null, unknownFields: JSONObject = [:]) {
        self.id = id
        self.name = name
        self.args = args
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        id = try fields.string("id")
        name = try fields.string("name")
        args = fields.take("args") ?? .null
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("id", id)
        object.put("name", name)
        object.put("args", args)
        return object.finished(with: unknownFields)
    }
}
