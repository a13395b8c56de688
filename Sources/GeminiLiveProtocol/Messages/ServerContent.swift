/// Model output and turn signals (`serverContent`); one message may carry several of these at once.
public struct ServerContent: JSONConvertible {
    /// A chunk of the model's turn (audio `inlineData`, text, thoughts).
    public var modelTurn: Content?
    /// The turn is over (after `generationComplete`, or after `interrupted`).
    public var turnComplete: Bool?
    /// The model finished generating (absent on interrupted turns).
    public var generationComplete: Bool?
    /// User activity cut the generation short; clients flush queued playback.
    public var interrupted: Bool?
    /// A fragment of the user's speech as text.
    public var inputTranscription: Transcription?
    /// A fragment of the model's speech as text.
    public var outputTranscription: Transcription?
    /// The model is silent because it expects the user to continue.
    public var waitingForInput: Bool?
    /// Why the turn ended early, e.g. `MALFORMED_FUNCTION_CALL`.
    public var turnCompleteReason: String?
    /// Search grounding, kept raw.
    public var groundingMetadata: JSONValue?
    /// Whether the model is still at work (`IN_PROGRESS`) or done with the whole task (`IDLE`); sent with
    /// `turnComplete` by the newest models, whose extended-thinking variant completes several turns per task.
    public var interactionStatus: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates server content.
    public init(
        modelTurn: Content? = nil, turnComplete: Bool? = nil, generationComplete: Bool? = nil,
        interrupted: Bool? = nil, inputTranscription: Transcription? = nil, outputTranscription: Transcription? = nil,
        waitingForInput: Bool? = nil, turnCompleteReason: String? = nil, groundingMetadata: JSONValue? = nil,
        interactionStatus: String? = nil, unknownFields: JSONObject = [:]
    ) {
        self.modelTurn = modelTurn
        self.turnComplete = turnComplete
        self.generationComplete = generationComplete
        self.interrupted = interrupted
        self.inputTranscription = inputTranscription
        self.outputTranscription = outputTranscription
        self.waitingForInput = waitingForInput
        self.turnCompleteReason = turnCompleteReason
        self.groundingMetadata = groundingMetadata
        self.interactionStatus = interactionStatus
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        modelTurn = try fields.decode("modelTurn")
        turnComplete = try fields.bool("turnComplete")
        generationComplete = try fields.bool("generationComplete")
        interrupted = try fields.bool("interrupted")
        inputTranscription = try fields.decode("inputTranscription")
        outputTranscription = try fields.decode("outputTranscription")
        waitingForInput = try fields.bool("waitingForInput")
        turnCompleteReason = try fields.string("turnCompleteReason")
        groundingMetadata = fields.take("groundingMetadata")
        interactionStatus = try fields.string("interactionStatus")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("modelTurn", modelTurn)
        object.put("turnComplete", turnComplete)
        object.put("generationComplete", generationComplete)
        object.put("interrupted", interrupted)
        object.put("inputTranscription", inputTranscription)
        object.put("outputTranscription", outputTranscription)
        object.put("waitingForInput", waitingForInput)
        object.put("turnCompleteReason", turnCompleteReason)
        object.put("groundingMetadata", groundingMetadata)
        object.put("interactionStatus", interactionStatus)
        return object.finished(with: unknownFields)
    }
}
