/// The client's answer to one `FunctionCall`.
public struct FunctionResponse: JSONConvertible {
    /// The id of the call being answered (required by the Gemini API).
    public var id: String?
    /// The function name.
    public var name: String?
    /// The result, exactly as given (`output` / `error` keys by convention); `.null` when absent.
    public var response: JSONValue
    /// For non-blocking functions: more responses for this call will follow.
    public var willContinue: Bool?
    /// For non-blocking functions: `SILENT`, `WHEN_IDLE` or `INTERRUPT`.
    public var scheduling: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a function response.
    public init(
        id: String?, name: String? = nil, response: JSONValue, willContinue: Bool? = nil, scheduling: String? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.id = id
        self.name = name
        self.response = response
        self.willContinue = willContinue
        self.scheduling = scheduling
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        id = try fields.string("id")
        name = try fields.string("name")
        response = fields.take("response") ?? .null
        willContinue = try fields.bool("willContinue")
        scheduling = try fields.string("scheduling")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("id", id)
        object.put("name", name)
        object.put("response", response)
        object.put("willContinue", willContinue)
        object.put("scheduling", scheduling)
        return object.finished(with: unknownFields)
    }
}
