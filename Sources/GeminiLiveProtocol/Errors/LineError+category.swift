import GeminiLiveSystem

/// A malformed line is bad input data in every tool.
extension LineError: CategorisedError {
    public var category: ToolErrorCategory { .badData }
}
