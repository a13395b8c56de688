/// Token accounting for the session so far (`usageMetadata`), outside the server oneof.
public struct UsageMetadata: JSONConvertible {
    /// Tokens in the prompt (history plus new input).
    public var promptTokenCount: Int?
    /// Prompt tokens served from cache.
    public var cachedContentTokenCount: Int?
    /// Tokens the model generated.
    public var responseTokenCount: Int?
    /// Tokens of tool-use prompts.
    public var toolUsePromptTokenCount: Int?
    /// Tokens spent thinking.
    public var thoughtsTokenCount: Int?
    /// The sum.
    public var totalTokenCount: Int?
    /// `[{modality, tokenCount}]`, kept raw.
    public var promptTokensDetails: JSONValue?
    /// `[{modality, tokenCount}]`, kept raw.
    public var cacheTokensDetails: JSONValue?
    /// `[{modality, tokenCount}]`, kept raw.
    public var responseTokensDetails: JSONValue?
    /// `[{modality, tokenCount}]`, kept raw.
    public var toolUsePromptTokensDetails: JSONValue?
    /// Members this type does not model (e.g. Vertex `candidatesTokenCount`), kept for the round trip.
    public var unknownFields: JSONObject

    /// The tokens the model generated, by either service's name: `responseTokenCount` on the Gemini API,
    /// `candidatesTokenCount` on Vertex AI (int64 there, so a string or a number).
    public var generatedTokenCount: Int? {
        responseTokenCount ?? unknownFields["candidatesTokenCount"].flatMap(MessageFields.integer)
    }

    /// Creates usage metadata.
    public init(
        promptTokenCount: Int? = nil, cachedContentTokenCount: Int? = nil, responseTokenCount: Int? = nil,
        toolUsePromptTokenCount: Int? = nil, thoughtsTokenCount: Int? = nil, totalTokenCount: Int? = nil,
        promptTokensDetails: JSONValue? = nil, cacheTokensDetails: JSONValue? = nil,
        responseTokensDetails: JSONValue? = nil, toolUsePromptTokensDetails: JSONValue? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.promptTokenCount = promptTokenCount
        self.cachedContentTokenCount = cachedContentTokenCount
        self.responseTokenCount = responseTokenCount
        self.toolUsePromptTokenCount = toolUsePromptTokenCount
        self.thoughtsTokenCount = thoughtsTokenCount
        self.totalTokenCount = totalTokenCount
        self.promptTokensDetails = promptTokensDetails
        self.cacheTokensDetails = cacheTokensDetails
        self.responseTokensDetails = responseTokensDetails
        self.toolUsePromptTokensDetails = toolUsePromptTokensDetails
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        promptTokenCount = try fields.int("promptTokenCount")
        cachedContentTokenCount = try fields.int("cachedContentTokenCount")
        responseTokenCount = try fields.int("responseTokenCount")
        toolUsePromptTokenCount = try fields.int("toolUsePromptTokenCount")
        thoughtsTokenCount = try fields.int("thoughtsTokenCount")
        totalTokenCount = try fields.int("totalTokenCount")
        promptTokensDetails = fields.take("promptTokensDetails")
        cacheTokensDetails = fields.take("cacheTokensDetails")
        responseTokensDetails = fields.take("responseTokensDetails")
        toolUsePromptTokensDetails = fields.take("toolUsePromptTokensDetails")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("promptTokenCount", promptTokenCount)
        object.put("cachedContentTokenCount", cachedContentTokenCount)
        object.put("responseTokenCount", responseTokenCount)
        object.put("toolUsePromptTokenCount", toolUsePromptTokenCount)
        object.put("thoughtsTokenCount", thoughtsTokenCount)
        object.put("totalTokenCount", totalTokenCount)
        object.put("promptTokensDetails", promptTokensDetails)
        object.put("cacheTokensDetails", cacheTokensDetails)
        object.put("responseTokensDetails", responseTokensDetails)
        object.put("toolUsePromptTokensDetails", toolUsePromptTokensDetails)
        return object.finished(with: unknownFields)
    }
}
