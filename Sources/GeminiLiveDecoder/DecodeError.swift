import GeminiLiveSystem

/// Why decoding stopped or a line was refused; the description names the source.
public struct DecodeError: CategorisedError {
    /// The failure class, for the exit code.
    public enum Kind: Sendable {
        /// Options that cannot work together or a bad output name.
        case usage
        /// An input file cannot be opened.
        case noInput
        /// An output file or folder cannot be created.
        case cannotCreate
        /// Input content is wrong (a malformed line under `--strict`).
        case badData
        /// Reading or writing failed.
        case io
        /// The reader of stdout went away.
        case outputClosed
    }

    /// The failure class.
    public let kind: Kind
    /// One line, starting with the source.
    public let description: String

    /// Creates an error.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }

    /// The shared category of `kind`, so the front end reports this error like every other tool's.
    public var category: ToolErrorCategory {
        switch kind {
        case .usage: .usage
        case .noInput: .noInput
        case .cannotCreate: .cannotCreate
        case .badData: .badData
        case .io: .io
        case .outputClosed: .outputClosed
        }
    }
}
