/// The server's voice activity detector saw speech start or end (`voiceActivity`).
public struct VoiceActivity: JSONConvertible {
    /// `ACTIVITY_START` or `ACTIVITY_END`.
    public var type: String?
    /// Position in the input audio as a proto Duration, e.g. `0.200s`.
    public var audioOffset: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a voice activity event.
    public init(type: String?, audioOffset: String? = nil, unknownFields: JSONObject = [:]) {
        self.type = type
        self.audioOffset = audioOffset
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        type = try fields.string("type")
        audioOffset = try fields.string("audioOffset")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("type", type)
        object.put("audioOffset", audioOffset)
        return object.finished(with: unknownFields)
    }

    /// `audioOffset` in seconds, if it is a valid proto Duration.
    public var audioOffsetSeconds: Double? {
        audioOffset.flatMap(ProtoDuration.seconds)
    }
}
