/// An explicit VAD signal (`voiceActivityDetectionSignal`, allow-listed projects only).
public struct VoiceActivityDetectionSignal: JSONConvertible {
    /// The signal kind, e.g. `VAD_SIGNAL_TYPE_SOS`.
    public var vadSignalType: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a VAD signal.
    public init(vadSignalType: String?, unknownFields: JSONObject = [:]) {
        self.vadSignalType = vadSignalType
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        vadSignalType = try fields.string("vadSignalType")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("vadSignalType", vadSignalType)
        return object.finished(with: unknownFields)
    }
}
