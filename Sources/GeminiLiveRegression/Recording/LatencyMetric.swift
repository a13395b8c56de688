/// A per-turn timing figure, as named in scenarios (`latency.first_audio_ms`) and tables.
///
/// Times are milliseconds after the turn's end of user input E (after its first frame B for the barge-in
/// pair); `rtf` is a ratio and `max_gap_ms` a length of silence inside the reply.
public enum LatencyMetric: String, Sendable, Equatable, Hashable, CaseIterable, Comparable {
    case firstInputTranscript = "first_input_transcript_ms"
    case firstOutputTranscript = "first_output_transcript_ms"
    case firstAudio = "first_audio_ms"
    case firstText = "first_text_ms"
    case toolCall = "tool_call_ms"
    case turnComplete = "turn_complete_ms"
    case interrupted = "interrupted_ms"
    case audioAfterBargeIn = "audio_after_barge_in_ms"
    case realTimeFactor = "rtf"
    case maxGap = "max_gap_ms"

    /// In the order of `allCases`, which is the order of a reply's life and of table rows.
    public static func < (lhs: LatencyMetric, rhs: LatencyMetric) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
