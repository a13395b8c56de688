/// `contextWindowCompression.slidingWindow`: how far to shrink the context.
public struct SlidingWindow: JSONConvertible {
    /// Context size to keep after compression (default: half the trigger).
    public var targetTokens: Int?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a sliding window config.
    public init(targetTokens: Int? = nil, unknownFields: JSONObject = [:]) {
        self.targetTokens = targetTokens
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        targetTokens = try fields.int("targetTokens")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("targetTokens", targetTokens)
        return object.finished(with: unknownFields)
    }
}
