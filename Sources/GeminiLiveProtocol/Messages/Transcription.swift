/// A transcription fragment of input or output speech.
public struct Transcription: JSONConvertible {
    /// The text of this fragment.
    public var text: String?
    /// Documented as marking the last fragment, but often never sent.
    public var finished: Bool?
    /// Members this type does not model (e.g. `languageCode`), kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a transcription fragment.
    public init(text: String?, finished: Bool? = nil, unknownFields: JSONObject = [:]) {
        self.text = text
        self.finished = finished
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        text = try fields.string("text")
        finished = try fields.bool("finished")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("text", text)
        object.put("finished", finished)
        return object.finished(with: unknownFields)
    }
}
