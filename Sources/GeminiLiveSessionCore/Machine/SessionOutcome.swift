import GeminiLiveProtocol

/// How a session ended: the category that picks the exit status, and the message for stderr.
///
/// A `CategorisedError` although most outcomes are not failures: the front end ends every session
/// through the same report-and-exit call, and a `.success` category exits 0.
public struct SessionOutcome: CategorisedError, Equatable {
    /// Why the session ended: `.success` when input was done and answered, `--turns` was reached,
    /// stdout closed or a signal stopped it; `.badData` for a bad line under `--strict`; `.io` for an
    /// input that could not be read; the service's categories (`unavailable`, `timeout`, `protocolError`,
    /// `permission`, `configuration`) for how it closed or could not be reached.
    public var category: ToolErrorCategory
    /// What to print on stderr; nil for a quiet exit.
    public var message: String?

    /// Creates an outcome.
    public init(_ category: ToolErrorCategory, _ message: String? = nil) {
        self.category = category
        self.message = message
    }

    /// The quiet, successful end.
    public static let success = SessionOutcome(.success)

    /// The message, or nothing for a quiet end.
    public var description: String { message ?? "" }
}
