import GeminiLiveMedia
import GeminiLiveProtocol

/// Why an input could not be encoded; the description names the source.
public struct EncodeError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure, for the exit code.
    public enum Kind: Sendable {
        /// The input could not be opened.
        case noInput
        /// The input's content is wrong or unsupported.
        case badData
        /// Reading or writing failed.
        case io
        /// stdout was closed by the reader; not worth a message.
        case outputClosed
    }

    /// The failure class.
    public let kind: Kind
    /// One line, starting with the source name.
    public let description: String

    /// Creates an error.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }

    init(_ error: MediaError) {
        let kind: Kind =
            switch error.kind {
            case .notFound, .unreadable: .noInput
            case .io: .io
            default: .badData
            }
        self.init(kind: kind, description: error.description)
    }

    init(_ error: LineWriterError) {
        switch error {
        case .brokenPipe: self.init(kind: .outputClosed, description: "stdout: reader closed the pipe")
        default: self.init(kind: .io, description: "stdout: \(error)")
        }
    }
}
