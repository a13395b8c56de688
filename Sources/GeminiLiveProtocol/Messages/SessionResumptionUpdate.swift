/// A new resumption handle, or a note that the session cannot be resumed right now.
public struct SessionResumptionUpdate: JSONConvertible {
    /// The handle to put in `setup.sessionResumption.handle`; empty while not resumable.
    public var newHandle: String?
    /// Whether resuming at this point would work.
    public var resumable: Bool?
    /// Index of the last client message the server consumed (Vertex); int64, so a string or a number on the wire.
    public var lastConsumedClientMessageIndex: Int?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a resumption update.
    public init(
        newHandle: String? = nil, resumable: Bool? = nil, lastConsumedClientMessageIndex: Int? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.newHandle = newHandle
        self.resumable = resumable
        self.lastConsumedClientMessageIndex = lastConsumedClientMessageIndex
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        newHandle = try fields.string("newHandle")
        resumable = try fields.bool("resumable")
        lastConsumedClientMessageIndex = try fields.int("lastConsumedClientMessageIndex")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("newHandle", newHandle)
        object.put("resumable", resumable)
        // Proto JSON writes int64 as a string.
        object.put("lastConsumedClientMessageIndex", lastConsumedClientMessageIndex.map(String.init))
        return object.finished(with: unknownFields)
    }
}
