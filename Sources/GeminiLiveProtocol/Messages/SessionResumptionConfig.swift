/// `setup.sessionResumption`: empty asks for handles, a `handle` resumes that session.
public struct SessionResumptionConfig: JSONConvertible {
    /// The latest `newHandle` from a `SessionResumptionUpdate`.
    public var handle: String?
    /// Members this type does not model (e.g. Vertex `transparent`), kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a session resumption config.
    public init(handle: String? = nil, unknownFields: JSONObject = [:]) {
        self.handle = handle
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        handle = try fields.string("handle")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("handle", handle)
        return object.finished(with: unknownFields)
    }
}
