/// One piece of a `Content`: text, inline media, a function call, or a kind kept as raw JSON.
public struct Part: JSONConvertible {
    /// Text; with `thought == true` it is model reasoning, not the answer.
    public var text: String?
    /// Marks reasoning text on thinking models.
    public var thought: Bool?
    /// Inline media such as model audio (`audio/pcm;rate=24000`).
    public var inlineData: Blob?
    /// A function call inside a turn.
    public var functionCall: FunctionCall?
    /// `{mimeType, fileUri}`, kept raw.
    public var fileData: JSONValue?
    /// Code the model wrote (2.0-era models), kept raw.
    public var executableCode: JSONValue?
    /// The result of running that code, kept raw.
    public var codeExecutionResult: JSONValue?
    /// Members this type does not model (e.g. `thoughtSignature`), kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a part.
    public init(
        text: String? = nil, thought: Bool? = nil, inlineData: Blob? = nil, functionCall: FunctionCall? = nil,
        fileData: JSONValue? = nil, executableCode: JSONValue? = nil, codeExecutionResult: JSONValue? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.text = text
        self.thought = thought
        self.inlineData = inlineData
        self.functionCall = functionCall
        self.fileData = fileData
        self.executableCode = executableCode
        self.codeExecutionResult = codeExecutionResult
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        text = try fields.string("text")
        thought = try fields.bool("thought")
        inlineData = try fields.decode("inlineData")
        functionCall = try fields.decode("functionCall")
        fileData = fields.take("fileData")
        executableCode = fields.take("executableCode")
        codeExecutionResult = fields.take("codeExecutionResult")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("text", text)
        object.put("thought", thought)
        object.put("inlineData", inlineData)
        object.put("functionCall", functionCall)
        object.put("fileData", fileData)
        object.put("executableCode", executableCode)
        object.put("codeExecutionResult", codeExecutionResult)
        return object.finished(with: unknownFields)
    }
}
