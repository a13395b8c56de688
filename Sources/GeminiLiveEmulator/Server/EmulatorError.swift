import GeminiLiveSystem

/// A failure to start the emulator (bad certificate, unwritable log, unreadable script), with a sentence saying so.
public struct EmulatorError: CategorisedError {
    /// Which exit status it calls for.
    public var category: ToolErrorCategory
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ category: ToolErrorCategory, _ description: String) {
        self.category = category
        self.description = description
    }
}
