/// `realtimeInputConfig.automaticActivityDetection`: the server's voice activity detector.
public struct AutomaticActivityDetection: JSONConvertible {
    /// True when the client brackets speech itself with `activityStart`/`activityEnd`.
    public var disabled: Bool?
    /// `START_SENSITIVITY_HIGH` or `START_SENSITIVITY_LOW`.
    public var startOfSpeechSensitivity: String?
    /// `END_SENSITIVITY_HIGH` or `END_SENSITIVITY_LOW`.
    public var endOfSpeechSensitivity: String?
    /// Speech needed before start of speech is committed, in milliseconds.
    public var prefixPaddingMs: Int?
    /// Silence needed before end of speech is committed, in milliseconds.
    public var silenceDurationMs: Int?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates VAD settings.
    public init(
        disabled: Bool? = nil, startOfSpeechSensitivity: String? = nil, endOfSpeechSensitivity: String? = nil,
        prefixPaddingMs: Int? = nil, silenceDurationMs: Int? = nil, unknownFields: JSONObject = [:]
    ) {
        self.disabled = disabled
        self.startOfSpeechSensitivity = startOfSpeechSensitivity
        self.endOfSpeechSensitivity = endOfSpeechSensitivity
        self.prefixPaddingMs = prefixPaddingMs
        self.silenceDurationMs = silenceDurationMs
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        disabled = try fields.bool("disabled")
        startOfSpeechSensitivity = try fields.string("startOfSpeechSensitivity")
        endOfSpeechSensitivity = try fields.string("endOfSpeechSensitivity")
        prefixPaddingMs = try fields.int("prefixPaddingMs")
        silenceDurationMs = try fields.int("silenceDurationMs")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("disabled", disabled)
        object.put("startOfSpeechSensitivity", startOfSpeechSensitivity)
        object.put("endOfSpeechSensitivity", endOfSpeechSensitivity)
        object.put("prefixPaddingMs", prefixPaddingMs)
        object.put("silenceDurationMs", silenceDurationMs)
        return object.finished(with: unknownFields)
    }
}
