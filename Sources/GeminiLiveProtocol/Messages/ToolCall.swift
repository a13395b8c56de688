/// The model asks the client to run functions (`toolCall`).
public struct ToolCall: JSONConvertible {
    /// The calls; several may arrive in one message.
    public var functionCalls: [FunctionCall]
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a tool call.
    public init(functionCalls: [FunctionCall], unknownFields: JSONObject = [:]) {
        self.functionCalls = functionCalls
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        functionCalls = try fields.list("functionCalls") ?? []
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("functionCalls", functionCalls)
        return object.finished(with: unknownFields)
    }
}
