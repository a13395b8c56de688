/// The server will close the connection soon (`goAway`); resume on a new socket.
public struct GoAway: JSONConvertible {
    /// Time until the close as a proto Duration, e.g. `50s`.
    public var timeLeft: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a go-away notice.
    public init(timeLeft: String? = nil, unknownFields: JSONObject = [:]) {
        self.timeLeft = timeLeft
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        timeLeft = try fields.string("timeLeft")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("timeLeft", timeLeft)
        return object.finished(with: unknownFields)
    }

    /// `timeLeft` in seconds, if it is a valid proto Duration.
    public var timeLeftSeconds: Double? {
        timeLeft.flatMap(ProtoDuration.seconds)
    }
}
