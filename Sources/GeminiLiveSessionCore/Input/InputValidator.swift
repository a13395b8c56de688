import GeminiLiveProtocol

/// Checks one input line: one JSON object holding exactly one client message, which the service will accept.
///
/// Valid lines are forwarded byte for byte (either casing is fine on the wire); only deprecated
/// `mediaChunks` lines are rewritten, into one `audio` or `video` message per chunk, unless `keepLegacy`.
public struct InputValidator: Sendable {
    /// Forward `mediaChunks` as written (only 2.x models accept it).
    public var keepLegacy: Bool
    /// The setup leaves voice activity detection to the server, which then closes with a bare 1007 on
    /// `activityStart`/`activityEnd`.
    public var serverDetectsActivity: Bool

    /// Creates a validator.
    public init(keepLegacy: Bool = false, serverDetectsActivity: Bool = false) {
        self.keepLegacy = keepLegacy
        self.serverDetectsActivity = serverDetectsActivity
    }

    /// Whether `setup` leaves voice activity detection to the server (the default unless it is disabled).
    public static func serverDetectsActivity(_ setup: Setup) -> Bool {
        setup.realtimeInputConfig?.automaticActivityDetection?.disabled != true
    }

    /// Why `messages` cannot go to a session with this setup, naming the options that disagree; nil if they can.
    ///
    /// Not a bad line to skip: every later marker would fail the same way, and the service would end the
    /// session with a 1007 that names neither option.
    public func conflict(_ messages: [OutboundMessage]) -> String? {
        guard serverDetectsActivity, messages.contains(where: \.marksActivity) else { return nil }
        return "activityStart/activityEnd while the server detects speech itself: "
            + "the encoder's --activity needs gemini-live-session --vad off (or drop --activity)"
    }

    /// Validates `line`; the error's problem text says what is wrong (the caller adds `source:line:`).
    public func validate(_ bytes: [UInt8]) throws(MessageDecodingError) -> InputLine {
        if isForwardableMedia(bytes) {
            return .messages([OutboundMessage(frame: bytes, kind: .realtimeInput)])
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw MessageDecodingError(reason: "not JSON: \(error.message) at column \(error.offset + 1)")
        }
        guard case .object = json else {
            throw MessageDecodingError(reason: "expected a JSON object holding one client message")
        }
        let message = try ClientMessage(json: Self.modelLeftOpen(json))
        if let extra = message.unknownFields.keys.first {
            throw MessageDecodingError(
                reason: "unexpected member '\(extra)' beside \(message.kind.fieldName); a line holds one client message"
            )
        }
        switch message.kind {
        case .setup(let setup):
            return .setup(setup)
        case .toolResponse(let response):
            for (position, answer) in response.functionResponses.enumerated() where (answer.id ?? "").isEmpty {
                throw MessageDecodingError(
                    path: "toolResponse.functionResponses[\(position)]",
                    reason: "missing id: the answer must carry the id of the toolCall it answers")
            }
            if response.functionResponses.isEmpty {
                throw MessageDecodingError(path: "toolResponse", reason: "no functionResponses")
            }
        case .realtimeInput(let input):
            if let chunks = input.mediaChunks, !keepLegacy {
                return .messages(try Self.rewrite(chunks, rest: input))
            }
            if Self.isEmpty(input) {
                throw MessageDecodingError(path: "realtimeInput", reason: "empty: nothing to send")
            }
        case .clientContent, .contextUpdate:
            break
        }
        return .messages([
            OutboundMessage(
                frame: bytes, kind: Self.kind(of: message), toolCallIDs: Self.ids(message),
                triggersTurn: OutboundMessage.triggersTurn(message),
                marksActivity: OutboundMessage.marksActivity(message))
        ])
    }

    /// `json` with an empty `model` added to a setup that names none: a setup line may leave the model to the
    /// flags, as the tutorial's browser page does (its setup carries only `generation_config`); the session then
    /// fills it in from `--model`, `GEMINI_LIVE_MODEL` or the default.
    public static func modelLeftOpen(_ json: JSONValue) -> JSONValue {
        guard case .object(var message) = json, message.count == 1, case .object(var setup)? = message["setup"],
            setup["model"] == nil
        else { return json }
        setup.append("model", "")
        message["setup"] = .object(setup)
        return .object(message)
    }

    /// Whether `bytes` is a media line the full path would forward as it is, known without decoding it: nearly every
    /// line, so an hour of audio passes at memory speed. A legacy line is rewritten unless `keepLegacy`, and that
    /// takes the full path.
    private func isForwardableMedia(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { value in
            guard let media = ClientMediaMessage(value), media.field != .mediaChunks || keepLegacy else { return false }
            return media.hasDecodableData(in: value)
        }
    }

    /// Whether a realtime input carries nothing at all (checked without re-encoding its media).
    static func isEmpty(_ input: RealtimeInput) -> Bool {
        input.audio == nil && input.video == nil && input.text == nil && !input.activityStart && !input.activityEnd
            && input.audioStreamEnd == nil && input.mediaChunks == nil && input.unknownFields.isEmpty
    }

    static func kind(of message: ClientMessage) -> OutboundMessage.Kind {
        switch message.kind {
        case .toolResponse: .toolResponse
        case .realtimeInput: .realtimeInput
        case .contextUpdate: .contextUpdate
        default: .clientContent
        }
    }

    static func ids(_ message: ClientMessage) -> [String] {
        message.toolResponse?.functionResponses.compactMap(\.id) ?? []
    }

    /// `mediaChunks` → one `audio` (for `audio/...`) or `video` (for images) message per chunk; other fields follow.
    static func rewrite(_ chunks: [Blob], rest: RealtimeInput) throws(MessageDecodingError)
        -> [OutboundMessage]
    {
        var messages: [OutboundMessage] = []
        for (position, chunk) in chunks.enumerated() {
            var input = RealtimeInput()
            let type = chunk.mimeType.lowercased()
            if type.hasPrefix("audio/") {
                input.audio = chunk
            } else if type.hasPrefix("image/") || type.hasPrefix("video/") {
                input.video = chunk
            } else {
                throw MessageDecodingError(
                    path: "realtimeInput.mediaChunks[\(position)].mimeType",
                    reason: "cannot rewrite '\(chunk.mimeType)' as audio or video (--keep-legacy sends it as is)")
            }
            messages.append(OutboundMessage(ClientMessage(.realtimeInput(input)))!)
        }
        var remainder = rest
        remainder.mediaChunks = nil
        if !isEmpty(remainder) {
            messages.append(OutboundMessage(ClientMessage(.realtimeInput(remainder)))!)
        }
        return messages
    }
}
