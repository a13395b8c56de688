/// `setup.contextWindowCompression`: trims old turns once the context reaches `triggerTokens`.
public struct ContextWindowCompression: JSONConvertible {
    /// Context size that triggers compression (default: 80% of the limit).
    public var triggerTokens: Int?
    /// Present to use the sliding-window method.
    public var slidingWindow: SlidingWindow?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a compression config.
    public init(triggerTokens: Int? = nil, slidingWindow: SlidingWindow? = nil, unknownFields: JSONObject = [:]) {
        self.triggerTokens = triggerTokens
        self.slidingWindow = slidingWindow
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        triggerTokens = try fields.int("triggerTokens")
        slidingWindow = try fields.decode("slidingWindow")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("triggerTokens", triggerTokens)
        object.put("slidingWindow", slidingWindow)
        return object.finished(with: unknownFields)
    }
}
