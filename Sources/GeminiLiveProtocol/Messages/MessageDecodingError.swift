/// Why a JSON value is not a valid Live message, located by a dotted path such as `clientContent.turns[0]`.
public struct MessageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, in camelCase field names with `[n]` for list elements; empty for the whole message.
    public var path: String
    /// What is wrong there, e.g. "expected an object".
    public var reason: String

    /// Creates an error at `path`.
    public init(path: String = "", reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }

    /// The same error seen from the enclosing value, which holds this one under `component` (a name or `[n]`).
    func nested(in component: String) -> MessageDecodingError {
        let joined: String
        if path.isEmpty {
            joined = component
        } else if path.hasPrefix("[") {
            joined = component + path
        } else {
            joined = component + "." + path
        }
        return MessageDecodingError(path: joined, reason: reason)
    }
}
