/// The session configuration, sent once as the first client message (`setup`).
public struct Setup: JSONConvertible {
    /// `models/{id}`.
    public var model: String
    /// Modalities, sampling and speech settings.
    public var generationConfig: GenerationConfig?
    /// The system prompt (text parts; role optional).
    public var systemInstruction: Content?
    /// Tool declarations (`functionDeclarations`, `googleSearch`, ...), kept raw.
    public var tools: [JSONValue]?
    /// Voice activity detection and turn handling.
    public var realtimeInputConfig: RealtimeInputConfig?
    /// Asks for resumption handles, or resumes with one.
    public var sessionResumption: SessionResumptionConfig?
    /// Sliding-window context compression.
    public var contextWindowCompression: ContextWindowCompression?
    /// Present (even empty) to turn on input transcription; members kept raw.
    public var inputAudioTranscription: JSONObject?
    /// Present (even empty) to turn on output transcription; members kept raw.
    public var outputAudioTranscription: JSONObject?
    /// `{proactiveAudio}`, kept raw.
    public var proactivity: JSONValue?
    /// `{initialHistoryInClientContent}`, kept raw.
    public var historyConfig: JSONValue?
    /// Members this type does not model (e.g. `safetySettings`), kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a setup.
    public init(
        model: String, generationConfig: GenerationConfig? = nil, systemInstruction: Content? = nil,
        tools: [JSONValue]? = nil, realtimeInputConfig: RealtimeInputConfig? = nil,
        sessionResumption: SessionResumptionConfig? = nil, contextWindowCompression: ContextWindowCompression? = nil,
        inputAudioTranscription: JSONObject? = nil, outputAudioTranscription: JSONObject? = nil,
        proactivity: JSONValue? = nil, historyConfig: JSONValue? = nil, unknownFields: JSONObject = [:]
    ) {
        self.model = model
        self.generationConfig = generationConfig
        self.systemInstruction = systemInstruction
        self.tools = tools
        self.realtimeInputConfig = realtimeInputConfig
        self.sessionResumption = sessionResumption
        self.contextWindowCompression = contextWindowCompression
        self.inputAudioTranscription = inputAudioTranscription
        self.outputAudioTranscription = outputAudioTranscription
        self.proactivity = proactivity
        self.historyConfig = historyConfig
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        guard let model = try fields.string("model") else {
            throw MessageDecodingError(path: "model", reason: "missing required field")
        }
        self.model = model
        generationConfig = try fields.decode("generationConfig")
        systemInstruction = try fields.decode("systemInstruction")
        switch fields.take("tools") {
        case nil: tools = nil
        case .array(let list)?: tools = list
        case let single?: tools = [single]
        }
        realtimeInputConfig = try fields.decode("realtimeInputConfig")
        sessionResumption = try fields.decode("sessionResumption")
        contextWindowCompression = try fields.decode("contextWindowCompression")
        inputAudioTranscription = try Self.presenceObject(&fields, "inputAudioTranscription")
        outputAudioTranscription = try Self.presenceObject(&fields, "outputAudioTranscription")
        proactivity = fields.take("proactivity")
        historyConfig = fields.take("historyConfig")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("model", model)
        object.put("generationConfig", generationConfig)
        object.put("systemInstruction", systemInstruction)
        object.put("tools", tools.map(JSONValue.array))
        object.put("realtimeInputConfig", realtimeInputConfig)
        object.put("sessionResumption", sessionResumption)
        object.put("contextWindowCompression", contextWindowCompression)
        object.put("inputAudioTranscription", inputAudioTranscription.map(JSONValue.object))
        object.put("outputAudioTranscription", outputAudioTranscription.map(JSONValue.object))
        object.put("proactivity", proactivity)
        object.put("historyConfig", historyConfig)
        return object.finished(with: unknownFields)
    }

    private static func presenceObject(_ fields: inout MessageFields, _ name: String) throws(MessageDecodingError)
        -> JSONObject?
    {
        guard let value = fields.take(name) else { return nil }
        guard case .object(let object) = value else {
            throw MessageDecodingError(path: name, reason: "expected an object")
        }
        return object
    }
}
