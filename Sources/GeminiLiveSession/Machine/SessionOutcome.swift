/// How a session ended: a kind the front end maps to an exit status, and the message for stderr.
public struct SessionOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Why the session ended.
    public enum Kind: Sendable, Equatable {
        /// Input done and answered, `--turns` reached, or stdout closed.
        case success
        /// A bad input line under `--strict`.
        case badInput
        /// An input could not be read.
        case inputUnreadable
        /// The service could not be reached, or kept failing (1011) after every retry.
        case unavailable
        /// Connecting or waiting for `setupComplete` took longer than `--connect-timeout`.
        case timeout
        /// The service rejected a message or the setup (1007), or broke the protocol.
        case protocolError
        /// The key or token was refused.
        case permission
        /// Not found or refused by policy (1008): unknown model, stale resumption handle.
        case configuration
    }

    /// Why the session ended.
    public var kind: Kind
    /// What to print on stderr; nil for a quiet exit.
    public var message: String?

    /// Creates an outcome.
    public init(_ kind: Kind, _ message: String? = nil) {
        self.kind = kind
        self.message = message
    }

    /// The quiet, successful end.
    public static let success = SessionOutcome(.success)

    public var description: String { message.map { "\(kind): \($0)" } ?? "\(kind)" }
}
