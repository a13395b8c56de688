/// `setup.generationConfig`: the fields the tools read, the rest (topP, thinkingConfig, ...) kept raw.
public struct GenerationConfig: JSONConvertible {
    /// `AUDIO` or `TEXT` (case as given); a lone string is accepted as a one-element list.
    public var responseModalities: [String]?
    /// Sampling temperature.
    public var temperature: Double?
    /// Voice and language.
    public var speechConfig: SpeechConfig?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a generation config.
    public init(
        responseModalities: [String]? = nil, temperature: Double? = nil, speechConfig: SpeechConfig? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.responseModalities = responseModalities
        self.temperature = temperature
        self.speechConfig = speechConfig
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        responseModalities = try fields.strings("responseModalities")
        temperature = try fields.double("temperature")
        speechConfig = try fields.decode("speechConfig")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("responseModalities", strings: responseModalities)
        object.put("temperature", temperature)
        object.put("speechConfig", speechConfig)
        return object.finished(with: unknownFields)
    }
}
