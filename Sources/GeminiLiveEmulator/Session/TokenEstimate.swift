/// Plausible token counts for `usageMetadata`: about 4 characters of text, 1/32 s of audio, 258 per picture.
enum TokenEstimate {
    /// Tokens for a text.
    static func text(_ text: String) -> Int {
        text.isEmpty ? 0 : max(1, (text.utf8.count + 3) / 4)
    }

    /// Tokens for seconds of audio (the service counts 32 per second).
    static func audio(seconds: Double) -> Int {
        Int((seconds * 32).rounded(.up))
    }

    /// Tokens for one turn's input.
    static func input(_ input: TurnInput) -> Int {
        input.texts.reduce(0) { $0 + text($1) } + audio(seconds: input.audioSeconds) + 258 * input.pictures.count
    }
}
