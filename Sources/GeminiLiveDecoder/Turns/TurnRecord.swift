import GeminiLiveProtocol

/// What one model turn amounted to: the unit `--json`, `--text` and `--split-turns` report.
public struct TurnRecord: Sendable, Equatable {
    /// 1-based turn number within the stream.
    public var index: Int
    /// Non-thought `text` parts, joined in order.
    public var text = ""
    /// `thought: true` text parts, joined in order.
    public var thoughts = ""
    /// `inputTranscription` fragments: what the user said.
    public var inputTranscript = ""
    /// `outputTranscription` fragments: what the model said aloud.
    public var outputTranscript = ""
    /// Model audio in this turn, in samples at `audioRate`.
    public var audioSamples = 0
    /// Rate of the turn's audio (the first audio part's).
    public var audioRate: Int?
    /// The turn ended with `interrupted`.
    public var interrupted = false
    /// `generationComplete` arrived.
    public var generationComplete = false
    /// The service's `turnCompleteReason`, when given.
    public var turnCompleteReason: String?
    /// Tool calls received during the turn.
    public var toolCalls: [FunctionCall] = []
    /// Ids the service cancelled.
    public var cancelledToolCallIDs: [String] = []
    /// Usage for the turn, from the message that completed it.
    public var usage: UsageMetadata?
    /// The stream ended before `turnComplete` arrived (or before `interactionStatus` said `IDLE`).
    public var incomplete = false
    /// How many parts of each kind the turn held (`text`, `inlineData`, `executableCode`, ...).
    public var parts: [String: Int] = [:]
    /// The code of `executableCode` parts, in order.
    public var code: [String] = []
    /// The output of `codeExecutionResult` parts, in order.
    public var codeResults: [String] = []
    /// The last `interactionStatus` the service sent in the turn.
    public var interactionStatus: String?

    /// Creates an empty record.
    public init(index: Int) {
        self.index = index
    }

    /// What the model said: its text parts, or else its spoken words (native-audio models speak only through transcription).
    public var words: String { text.isEmpty ? outputTranscript : text }

    /// Seconds of model audio.
    public var audioSeconds: Double {
        guard let audioRate, audioRate > 0 else { return 0 }
        return Double(audioSamples) / Double(audioRate)
    }

    /// The words, with the model's thoughts in front when asked for (`--thoughts`).
    public func words(includingThoughts: Bool) -> String {
        includingThoughts && !thoughts.isEmpty ? thoughts + (words.isEmpty ? "" : " " + words) : words
    }

    /// The `--json` record; thoughts are included only when asked for.
    public func json(includingThoughts: Bool) -> JSONValue {
        var object: JSONObject = [
            "turn": .number(JSONNumber(index)),
            "text": .string(words),
            "inputTranscript": .string(inputTranscript),
            "outputTranscript": .string(outputTranscript),
            "audioSeconds": .number(JSONNumber((audioSeconds * 1000).rounded() / 1000)),
            "interrupted": .bool(interrupted),
        ]
        if includingThoughts && !thoughts.isEmpty { object["thoughts"] = .string(thoughts) }
        if let turnCompleteReason { object["turnCompleteReason"] = .string(turnCompleteReason) }
        if !toolCalls.isEmpty { object["toolCalls"] = .array(toolCalls.map(\.json)) }
        if !cancelledToolCallIDs.isEmpty {
            object["cancelledToolCalls"] = .array(cancelledToolCallIDs.map { .string($0) })
        }
        if let usage { object["usage"] = usage.json }
        if !parts.isEmpty {
            object["parts"] = .object(
                JSONObject(parts.sorted { $0.key < $1.key }.map { ($0.key, .number(JSONNumber($0.value))) }))
        }
        if !code.isEmpty { object["code"] = .array(code.map { .string($0) }) }
        if !codeResults.isEmpty { object["codeResults"] = .array(codeResults.map { .string($0) }) }
        if let interactionStatus { object["interactionStatus"] = .string(interactionStatus) }
        if incomplete { object["incomplete"] = .bool(true) }
        return .object(object)
    }
}
