/// The server's acknowledgement of `setup` (`setupComplete`); nothing else may be sent before it.
public struct SetupComplete: JSONConvertible {
    /// A session id, which some deployments include.
    public var sessionId: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a setup acknowledgement.
    public init(sessionId: String? = nil, unknownFields: JSONObject = [:]) {
        self.sessionId = sessionId
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        sessionId = try fields.string("sessionId")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("sessionId", sessionId)
        return object.finished(with: unknownFields)
    }
}
