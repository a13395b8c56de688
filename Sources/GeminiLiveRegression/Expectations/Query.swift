import GeminiLiveProtocol

/// What an expectation looks at in a turn: the left-hand side of `output_transcript: {icontains: sunny}`.
public enum Query: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The kind of value a query yields, which decides the predicates that make sense for it.
    public enum ValueKind: String, Sendable, Equatable {
        case text
        case number
        case flag
        case list
        case calls
        case verdict
    }

    /// The output transcription fragments of the reply, joined as received.
    case outputTranscript
    /// The input transcription fragments of the user's turn, joined as received.
    case inputTranscript
    /// The model's text parts, thoughts excluded.
    case text
    /// The turn's function calls, matched by name and an argument subset.
    case toolCall
    /// How many function calls the turn made.
    case toolCalls
    /// The kinds of the turn's server messages, in order.
    case events
    /// Milliseconds of model audio in the reply.
    case audioMilliseconds
    /// Whether the server reported an interruption during the turn.
    case interrupted
    /// Whether the model produced any output for the turn.
    case responded
    /// `generationComplete` before `turnComplete`, and no interruption.
    case notTruncated
    /// The longest silence inside the reply, in milliseconds.
    case maxGapMilliseconds
    /// A `usageMetadata` field, by its camelCase name (`totalTokenCount`).
    case usage(String)
    /// The WebSocket close code, if the connection closed.
    case closeCode
    /// A timing figure of the turn.
    case latency(LatencyMetric)
    /// A judge's verdict on the turn, which the turn's frames alone do not hold.
    case judge

    /// The `usageMetadata` counts a scenario may query; Vertex AI names the response's `candidatesTokenCount`.
    public static let usageFields = [
        "promptTokenCount", "cachedContentTokenCount", "responseTokenCount", "candidatesTokenCount",
        "toolUsePromptTokenCount", "thoughtsTokenCount", "totalTokenCount",
    ]

    /// The plain query keys, as written in scenarios.
    static let plainKeys: [(String, Query)] = [
        ("output_transcript", .outputTranscript), ("input_transcript", .inputTranscript), ("text", .text),
        ("tool_call", .toolCall), ("tool_calls", .toolCalls), ("events", .events), ("audio_ms", .audioMilliseconds),
        ("interrupted", .interrupted), ("responded", .responded), ("not_truncated", .notTruncated),
        ("max_gap_ms", .maxGapMilliseconds), ("close_code", .closeCode), ("judge", .judge),
    ]

    /// Every key a scenario may use, with `usage.<field>` and `latency.<metric>` as patterns, for error messages.
    public static let keyList = plainKeys.map(\.0) + ["usage.<field>", "latency.<metric>"]

    /// The query a scenario key names: a plain key, `usage.` and a count in camelCase or snake_case, or
    /// `latency.` and a metric; nil for anything else.
    public init?(key: String) {
        if let plain = Self.plainKeys.first(where: { $0.0 == key }) {
            self = plain.1
        } else if key.hasPrefix("usage.") {
            let field = FieldNameSpelling.camelCase(String(key.dropFirst("usage.".count)))
            guard Self.usageFields.contains(field) else { return nil }
            self = .usage(field)
        } else if key.hasPrefix("latency."), let metric = LatencyMetric(rawValue: String(key.dropFirst(8))) {
            self = .latency(metric)
        } else {
            return nil
        }
    }

    /// The canonical key (`usage.` fields in camelCase).
    public var description: String {
        switch self {
        case .usage(let field): return "usage.\(field)"
        case .latency(let metric): return "latency.\(metric.rawValue)"
        default: return Self.plainKeys.first { $0.1 == self }!.0
        }
    }

    /// The kind of value the query yields.
    public var valueKind: ValueKind {
        switch self {
        case .outputTranscript, .inputTranscript, .text: .text
        case .toolCalls, .audioMilliseconds, .maxGapMilliseconds, .usage, .closeCode, .latency: .number
        case .interrupted, .responded, .notTruncated: .flag
        case .events: .list
        case .toolCall: .calls
        case .judge: .verdict
        }
    }
}

extension Query.ValueKind {
    /// "a text", "a number", ... for messages.
    var phrase: String {
        switch self {
        case .text: "a text"
        case .number: "a number"
        case .flag: "true or false"
        case .list: "a list"
        case .calls: "a list of calls"
        case .verdict: "a judge's verdict"
        }
    }
}
