extension SetupOptions {
    /// Which sides of the conversation the service transcribes (`--transcribe`).
    public enum Transcription: String, Sendable, CaseIterable {
        /// The user's speech.
        case input
        /// The model's speech.
        case output
        /// Both, written `input,output`.
        case both = "input,output"

        /// The choice for a comma-separated list of sides in either order (`output,input` is `both`).
        public init?(list: String) {
            let sides = Set(list.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            switch sides {
            case ["input"]: self = .input
            case ["output"]: self = .output
            case ["input", "output"]: self = .both
            default: return nil
            }
        }

        /// Whether the user's speech is transcribed.
        public var includesInput: Bool { self != .output }
        /// Whether the model's speech is transcribed.
        public var includesOutput: Bool { self != .input }
    }
}
