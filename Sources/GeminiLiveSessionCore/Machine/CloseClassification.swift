import GeminiLiveProtocol

/// What a close (or drop) means for the session: resume, or end with which outcome.
public enum CloseClassification: Sendable, Equatable {
    /// Transient: reconnect and resume (1011, 1001, 1006, 1012-1014, an unrequested 1000, a drop).
    case retry
    /// Final: end the session with an outcome of this category.
    case fatal(ToolErrorCategory)

    /// Classifies a server close by its code and reason text.
    public static func of(code: Int, reason: String) -> CloseClassification {
        let text = reason.lowercased()
        let authWords = [
            "api key", "api_key", "permission", "unauthenticated", "unauthorized", "credential",
            "token has been used", "token expired", "invalid token", "access token",
        ]
        if authWords.contains(where: text.contains) { return .fatal(.permission) }
        if text.contains("quota") || text.contains("resource_exhausted") || text.contains("billing") {
            return .fatal(.unavailable)
        }
        switch code {
        case 1000, 1001, 1006, 1011, 1012, 1013, 1014: return .retry
        case 1008: return .fatal(.configuration)
        default: return .fatal(.protocolError)
        }
    }

    /// Classifies an HTTP status that answered the WebSocket upgrade instead of 101.
    ///
    /// The service refuses a bad key with 401/403 and an unknown path with 404 before any WebSocket exists;
    /// retrying cannot fix those. Throttling (429) and server faults (5xx) are transient, like a 1011.
    public static func of(upgradeStatus status: Int) -> CloseClassification {
        switch status {
        case 401, 403: .fatal(.permission)
        case 404: .fatal(.configuration)
        case 429, 500...599: .retry
        default: .fatal(.protocolError)
        }
    }

    /// The conventional name of a close code, for messages.
    public static func name(of code: Int) -> String {
        switch code {
        case 1000: "normal closure"
        case 1001: "going away"
        case 1002: "protocol error"
        case 1003: "unsupported data"
        case 1006: "abnormal closure"
        case 1007: "invalid payload: bad request"
        case 1008: "policy violation: not found or refused"
        case 1009: "message too big"
        case 1011: "internal error"
        case 1012: "service restart"
        case 1013: "try again later"
        default: "close"
        }
    }
}
