import GeminiLiveSystem

/// A problem found before connecting: a bad flag value, an unreadable file, a missing key.
public struct SessionSetupError: CategorisedError, Equatable {
    /// Which exit status it calls for.
    public var category: ToolErrorCategory
    /// The sentence for stderr.
    public var message: String

    /// Creates an error.
    public init(_ category: ToolErrorCategory, _ message: String) {
        self.category = category
        self.message = message
    }

    public var description: String { message }
}
