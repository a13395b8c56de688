import GeminiLiveProtocol

/// How one backend shapes the messages it sends, as recorded from the service (`WireDialect.of(_:)`; the
/// per-model differences are in `ModelProfile`), so replies are built one way and shaped here.
///
/// The Gemini API sends `modelTurn` without a role, `audio/pcm;rate=24000`, function-call ids like
/// `function-call-5831923424298605773`, and usage with `responseTokenCount`. Vertex AI sends `"role": "model"`,
/// a bare `audio/pcm`, a `setupComplete.sessionId`, an empty `outputTranscription` before the first fragment,
/// UUID function-call ids, and usage with `candidatesTokenCount` and `trafficType`; it takes tool responses
/// without ids.
public struct WireDialect: Sendable, Equatable {
    /// How function-call ids look.
    public enum CallIDStyle: Sendable, Equatable {
        /// `function-call-` and 19 digits (the Gemini API).
        case serviceNumber
        /// A version-4 UUID (Vertex AI, 2026).
        case uuid
    }

    /// The backend this dialect is recorded from.
    public var backend: Backend
    /// The `modelTurn.role` sent, or nil for none.
    public var modelTurnRole: String?
    /// The MIME type of reply audio.
    public var replyAudioMIME: String
    /// Whether `setupComplete` carries a `sessionId`.
    public var sendsSessionID: Bool
    /// Whether an empty `outputTranscription: {}` comes before a spoken reply's first fragment.
    public var opensWithEmptyOutputTranscription: Bool
    /// The shape of generated function-call ids.
    public var callIDs: CallIDStyle
    /// The usage member holding the reply's token count (`responseTokenCount` or `candidatesTokenCount`).
    public var responseCountName: String
    /// The usage member holding the reply's per-modality counts.
    public var responseDetailsName: String
    /// Vertex's `usageMetadata.trafficType`, or nil where it is not sent.
    public var trafficType: String?
    /// Whether a `functionResponses[]` entry must name its call's `id` (the Gemini API), or may leave it out and
    /// is then matched by name (Vertex AI accepted tool responses without ids).
    public var toolResponsesNeedID: Bool

    /// The Gemini API (`generativelanguage.googleapis.com`).
    public static let geminiAPI = WireDialect(
        backend: .geminiAPI, modelTurnRole: nil, replyAudioMIME: "audio/pcm;rate=24000", sendsSessionID: false,
        opensWithEmptyOutputTranscription: false, callIDs: .serviceNumber, responseCountName: "responseTokenCount",
        responseDetailsName: "responseTokensDetails", trafficType: nil, toolResponsesNeedID: true)

    /// Vertex AI (`*aiplatform.googleapis.com`).
    public static let vertexAI = WireDialect(
        backend: .vertexAI, modelTurnRole: "model", replyAudioMIME: "audio/pcm", sendsSessionID: true,
        opensWithEmptyOutputTranscription: true, callIDs: .uuid, responseCountName: "candidatesTokenCount",
        responseDetailsName: "candidatesTokensDetails", trafficType: "ON_DEMAND", toolResponsesNeedID: false)

    /// The dialect of `backend`.
    public static func of(_ backend: Backend) -> WireDialect {
        switch backend {
        case .geminiAPI: geminiAPI
        case .vertexAI: vertexAI
        }
    }

    /// A `modelTurn` holding `parts`.
    public func modelTurn(_ parts: [Part]) -> Content {
        Content(role: modelTurnRole, parts: parts)
    }

    /// The acknowledgement of a setup; `sessionID` makes the id where one is sent.
    public func setupComplete(sessionID: () -> String) -> SetupComplete {
        SetupComplete(sessionId: sendsSessionID ? sessionID() : nil)
    }

    /// The id of the `call`-th function call (1-based) of the reply to `turn`: the same every time for a turn,
    /// so a replayed conversation calls with the same ids.
    public func functionCallID(turn: Int, call: Int) -> String {
        var generator = SplitMix(seed: UInt64(truncatingIfNeeded: turn) << 20 | UInt64(truncatingIfNeeded: call))
        switch callIDs {
        case .serviceNumber:
            // 19 digits, as recorded (a signed 64-bit value's decimal digits, no sign).
            return "function-call-" + String(1_000_000_000_000_000_000 + generator.next() % 8_000_000_000_000_000_000)
        case .uuid:
            var bytes: [UInt8] = []
            for _ in 0..<2 {
                let word = generator.next()
                for shift in stride(from: 56, through: 0, by: -8) {
                    bytes.append(UInt8(truncatingIfNeeded: word >> shift))
                }
            }
            return Handle.uuid(bytes)
        }
    }

    /// `usageMetadata` in this backend's names and order: Gemini API `promptTokenCount, responseTokenCount,
    /// totalTokenCount, promptTokensDetails, responseTokensDetails`; Vertex `promptTokenCount,
    /// candidatesTokenCount, totalTokenCount, trafficType, promptTokensDetails, candidatesTokensDetails`.
    public func usage(prompt: Int, response: Int, promptModality: String, responseModality: String) -> UsageMetadata {
        var members = JSONObject()
        members.append("promptTokenCount", .number(JSONNumber(prompt)))
        members.append(responseCountName, .number(JSONNumber(response)))
        members.append("totalTokenCount", .number(JSONNumber(prompt + response)))
        if let trafficType { members.append("trafficType", .string(trafficType)) }
        members.append(
            "promptTokensDetails",
            [["modality": .string(promptModality), "tokenCount": .number(JSONNumber(prompt))]])
        members.append(
            responseDetailsName,
            [["modality": .string(responseModality), "tokenCount": .number(JSONNumber(response))]])
        // Typed where the typed form writes these members in this order (the Gemini API), so readers of the
        // fields find them; otherwise kept as raw members, whose order is kept exactly.
        if let typed = try? UsageMetadata(json: .object(members)), typed.json == .object(members) { return typed }
        return UsageMetadata(unknownFields: members)
    }
}
