import GeminiLiveProtocol

/// A `setup` line laid over the session's setup: the line changes the members it names and keeps the rest.
///
/// So a script changes the prompt with `{"setup":{"systemInstruction":...}}` alone, and the browser page's
/// `generation_config` keeps the model and transcription the flags chose. Objects are merged member by member
/// (a voice inside `generationConfig.speechConfig` replaces only the voice); anything else (a string, a list
/// such as `tools`) is replaced whole. An empty `model` (a line that names none) keeps the current one.
public enum SetupOverlay {
    /// `base` with `line`'s members laid over it.
    public static func apply(_ line: Setup, over base: Setup) -> Setup {
        var named = line.json
        if line.model.isEmpty, case .object(var members) = named {
            members["model"] = nil
            named = .object(members)
        }
        return (try? Setup(json: merge(named, over: base.json))) ?? line
    }

    /// `top` over `bottom`: objects member by member, anything else `top` whole.
    ///
    /// Members kept raw (`speechConfig.voiceConfig`, say) keep the casing they were written in, and the service
    /// takes camelCase and snake_case alike: `voice_config` in a line replaces `voiceConfig`, under the latter name.
    static func merge(_ top: JSONValue, over bottom: JSONValue) -> JSONValue {
        guard case .object(let upper) = top, case .object(var merged) = bottom else { return top }
        for (key, value) in zip(upper.keys, upper.values) {
            let spelling = merged.keys.first { sameMember($0, key) } ?? key
            merged[spelling] = merged[spelling].map { merge(value, over: $0) } ?? value
        }
        return .object(merged)
    }

    /// Whether two member names are one field in either casing (`voiceConfig`, `voice_config`).
    static func sameMember(_ one: String, _ other: String) -> Bool {
        one.lowercased().filter { $0 != "_" } == other.lowercased().filter { $0 != "_" }
    }
}
