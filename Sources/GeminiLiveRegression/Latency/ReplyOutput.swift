import GeminiLiveProtocol

/// What one server message contributes to a reply.
struct ReplyOutput {
    var audioMilliseconds = 0.0
    var hasAudio = false
    var hasText = false
    var hasOutputTranscript = false
    var hasToolCall = false
    var generationComplete = false
    var turnComplete = false
    var interrupted = false

    init(_ message: ServerMessage) {
        hasToolCall = message.toolCall != nil
        guard let content = message.serverContent else { return }
        for part in content.modelTurn?.parts ?? [] {
            if let blob = part.inlineData, let rate = AudioMIME.pcmRate(blob.mimeType, absent: 24_000) {
                hasAudio = true
                audioMilliseconds += Double(blob.data.count / 2) * 1000 / Double(rate)
            }
            if let text = part.text, !text.isEmpty, part.thought != true { hasText = true }
        }
        hasOutputTranscript = !(content.outputTranscription?.text ?? "").isEmpty
        generationComplete = content.generationComplete == true
        turnComplete = content.turnComplete == true
        interrupted = content.interrupted == true
    }

    /// Whether the message is part of a reply at all.
    var isModelOutput: Bool {
        carriesContent || generationComplete || turnComplete || interrupted
    }

    /// Whether it carries something of the reply itself rather than only a signal about its end.
    var carriesContent: Bool {
        hasAudio || hasText || hasOutputTranscript || hasToolCall
    }
}
