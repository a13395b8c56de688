/// A failure that is fully described by its category and one line of text naming its source.
///
/// The plain form of `CategorisedError`, for libraries whose failures need no cases of their own;
/// a richer error (such as `MediaError`) converts into it without losing its text or its category.
public struct ToolError: CategorisedError, Equatable {
    /// Which exit status the failure calls for.
    public let category: ToolErrorCategory
    /// One line, starting with the source it is about.
    public let description: String

    /// Creates an error.
    public init(category: ToolErrorCategory, description: String) {
        self.category = category
        self.description = description
    }

    /// The same failure as `error`, with its category and text.
    public init(_ error: some CategorisedError) {
        self.init(category: error.category, description: error.description)
    }
}
