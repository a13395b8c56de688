/// The client's answers to tool calls (`toolResponse`).
public struct ToolResponse: JSONConvertible {
    /// One response per answered call.
    public var functionResponses: [FunctionResponse]
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a tool response.
    public init(functionResponses: [FunctionResponse], unknownFields: JSONObject = [:]) {
        self.functionResponses = functionResponses
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        functionResponses = try fields.list("functionResponses") ?? []
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("functionResponses", functionResponses)
        return object.finished(with: unknownFields)
    }
}
