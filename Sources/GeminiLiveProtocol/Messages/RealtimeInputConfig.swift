/// `setup.realtimeInputConfig`: voice activity detection and how activity affects turns.
public struct RealtimeInputConfig: JSONConvertible {
    /// Server-side VAD settings.
    public var automaticActivityDetection: AutomaticActivityDetection?
    /// `START_OF_ACTIVITY_INTERRUPTS` or `NO_INTERRUPTION`.
    public var activityHandling: String?
    /// `TURN_INCLUDES_ONLY_ACTIVITY`, `TURN_INCLUDES_ALL_INPUT`, ...
    public var turnCoverage: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a realtime input config.
    public init(
        automaticActivityDetection: AutomaticActivityDetection? = nil, activityHandling: String? = nil,
        turnCoverage: String? = nil, unknownFields: JSONObject = [:]
    ) {
        self.automaticActivityDetection = automaticActivityDetection
        self.activityHandling = activityHandling
        self.turnCoverage = turnCoverage
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        automaticActivityDetection = try fields.decode("automaticActivityDetection")
        activityHandling = try fields.string("activityHandling")
        turnCoverage = try fields.string("turnCoverage")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("automaticActivityDetection", automaticActivityDetection)
        object.put("activityHandling", activityHandling)
        object.put("turnCoverage", turnCoverage)
        return object.finished(with: unknownFields)
    }
}
