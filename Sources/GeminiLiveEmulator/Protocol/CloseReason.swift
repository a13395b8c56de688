/// A WebSocket close the emulator sends: the code and the service's reason text, cut to 123 bytes.
public struct CloseReason: Sendable, Equatable, CustomStringConvertible {
    /// The close code (1007, 1008, 1011, ...).
    public var code: UInt16
    /// The reason, at most 123 bytes of UTF-8 (cut on a character boundary).
    public var reason: String

    /// Creates a close, cutting `reason` to the WebSocket limit as the service does.
    public init(code: UInt16, reason: String) {
        self.code = code
        self.reason = Self.cut(reason)
    }

    public var description: String { "\(code) \(reason)" }

    /// `reason` cut to at most 123 bytes without splitting a character.
    static func cut(_ reason: String, limit: Int = 123) -> String {
        guard reason.utf8.count > limit else { return reason }
        var result = ""
        var size = 0
        for character in reason {
            let length = character.utf8.count
            if size + length > limit { break }
            result.append(character)
            size += length
        }
        return result
    }

    // MARK: - The service's closes

    /// A second setup, a wrong tool-response shape, a semantically bad message.
    public static let invalidArgument = CloseReason(code: 1007, reason: "Request contains an invalid argument.")
    /// `realtimeInput.mediaChunks` on a 3.x model.
    public static let mediaChunksDeprecated = CloseReason(
        code: 1007, reason: "realtime_input.media_chunks is deprecated. Use audio, video, or text instead.")
    /// TEXT responses asked of a native-audio model.
    public static let nonAudioRequest = CloseReason(
        code: 1007, reason: "Cannot extract voices from a non-audio request.")
    /// An unknown or expired resumption handle.
    public static let sessionNotFound = CloseReason(code: 1008, reason: "BidiGenerateContent session not found")
    /// The connection reached its lifetime (after `goAway`).
    public static let deadlineExpired = CloseReason(
        code: 1011, reason: "Deadline expired before operation could complete.")
    /// An injected internal fault.
    public static let internalError = CloseReason(code: 1011, reason: "Internal error occurred.")
    /// TEXT responses asked of gemini-3.1 (the reference reports 1011 there).
    public static let internalErrorEncountered = CloseReason(code: 1011, reason: "Internal error encountered.")
    /// A wrong API key.
    public static let invalidAPIKey = CloseReason(code: 1007, reason: "API key not valid. Please pass a valid API key.")
    /// No API key at all.
    public static let missingAPIKey = CloseReason(
        code: 1008,
        reason:
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
    )

    /// An unknown model, worded as the service words it.
    public static func modelNotFound(_ model: String, version: String) -> CloseReason {
        CloseReason(
            code: 1008,
            reason:
                "\(model) is not found for API version \(version), or is not supported for bidiGenerateContent. Call ListModels to see the list of available models and their supported methods."
        )
    }

    /// A member the proto does not have, worded like the REST error.
    public static func unknownField(_ name: String, at path: String) -> CloseReason {
        let location = path.isEmpty ? "" : " at '\(path)'"
        return CloseReason(
            code: 1007, reason: "Invalid JSON payload received. Unknown name \"\(name)\"\(location): Cannot find field."
        )
    }

    /// A frame that is not JSON at all.
    public static let malformedJSON = CloseReason(
        code: 1007, reason: "Invalid JSON payload received. Unexpected token.")
}
