/// A problem found before connecting: a bad flag value, an unreadable file, a missing key.
public struct SessionSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which kind of exit it calls for.
    public enum Kind: Sendable, Equatable {
        /// A bad option or option value.
        case usage
        /// A file given on the command line cannot be read.
        case noInput
        /// A file's content is wrong (setup or tools JSON).
        case data
        /// No key, or a key file that cannot be used.
        case permission
    }

    /// Which kind of exit it calls for.
    public var kind: Kind
    /// The sentence for stderr.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
