/// A moment in the model's reply that a turn can wait for (`at: {after: first_audio, delay_ms: 800}`).
public enum ReplyMoment: String, Sendable, Equatable, CaseIterable {
    case setupComplete = "setup_complete"
    case firstInputTranscript = "first_input_transcript"
    case firstOutputTranscript = "first_output_transcript"
    case firstAudio = "first_audio"
    case firstText = "first_text"
    case toolCall = "tool_call"
    case generationComplete = "generation_complete"
    case turnComplete = "turn_complete"
}
