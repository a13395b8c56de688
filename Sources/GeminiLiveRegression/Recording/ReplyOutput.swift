import GeminiLiveProtocol

/// What one server message contributes to a turn: its reply's content, the signals about the reply's end,
/// and the names it adds to the turn's `events`.
struct ReplyOutput {
    var audioMilliseconds = 0.0
    var hasAudio = false
    /// The model's text parts, thoughts excluded, joined.
    var text = ""
    /// The output transcription fragment.
    var outputTranscript = ""
    /// `{name, args}` of each function call, as the `tool_call` query compares them.
    var calls: [JSONValue] = []
    var hasToolCall = false
    var generationComplete = false
    var turnComplete = false
    var interrupted = false
    /// The message's kinds, with `serverContent` told apart by what it carries (`modelTurn`,
    /// `outputTranscription`, `turnComplete`, ...); `inputTranscription` is left to the caller, since it
    /// belongs to the user's turn rather than to the reply.
    var events: [String] = []

    init(_ message: ServerMessage) {
        switch message.kind {
        case .serverContent(let content):
            for part in content.modelTurn?.parts ?? [] {
                if let blob = part.inlineData, let rate = AudioMIME.pcmRate(blob.mimeType, absent: 24_000) {
                    hasAudio = true
                    audioMilliseconds += Double(blob.data.count / 2) * 1000 / Double(rate)
                }
                if let fragment = part.text, part.thought != true { text += fragment }
            }
            outputTranscript = content.outputTranscription?.text ?? ""
            generationComplete = content.generationComplete == true
            turnComplete = content.turnComplete == true
            interrupted = content.interrupted == true
            let flags: [(String, Bool)] = [
                ("modelTurn", content.modelTurn != nil), ("outputTranscription", content.outputTranscription != nil),
                ("generationComplete", generationComplete), ("interrupted", interrupted),
                ("turnComplete", turnComplete), ("waitingForInput", content.waitingForInput == true),
            ]
            events = flags.filter(\.1).map(\.0)
        case .toolCall(let call):
            hasToolCall = true
            calls = call.functionCalls.map { ["name": .string($0.name ?? ""), "args": $0.args] }
            events = ["toolCall"]
        case let kind?:
            events = [kind.fieldName]
        case nil:
            break
        }
        if message.usageMetadata != nil { events.append("usageMetadata") }
    }

    /// Whether the message is part of a reply at all.
    var isModelOutput: Bool {
        carriesContent || generationComplete || turnComplete || interrupted
    }

    /// Whether it carries something of the reply itself rather than only a signal about its end.
    var carriesContent: Bool {
        hasAudio || !text.isEmpty || !outputTranscript.isEmpty || hasToolCall
    }
}
