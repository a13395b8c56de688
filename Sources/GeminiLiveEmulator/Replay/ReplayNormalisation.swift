import GeminiLiveProtocol

/// The canonical form in which a live client message is compared with a recorded one, so that spellings the
/// service treats alike do not count as a divergence.
///
/// Member names become camelCase (`realtime_input` → `realtimeInput`); nulls and proto3 scalar defaults
/// (`false`, `0`, `""`, `[]`) are dropped because the service cannot tell them from an absent field; runs of
/// whitespace in `text` collapse to one space and are trimmed; `functionDeclarations` are sorted by name; a
/// model name gains its `models/` prefix. Empty objects stay: `activityStart: {}` is present by being empty.
/// Free-form payloads (function arguments and responses, schemas) are the user's data and are only stripped of
/// nulls, never renamed or defaulted, so `{"ok": false}` is not `{}`.
enum ReplayNormalisation {
    /// Members whose value is user data rather than proto fields.
    static let freeForm: Set<String> = [
        "args", "response", "parameters", "parametersJsonSchema", "responseJsonSchema", "responseSchema",
    ]

    /// The canonical form of a whole client message.
    static func normalised(_ value: JSONValue) -> JSONValue {
        normalised(value, key: nil) ?? .object([:])
    }

    private static func normalised(_ value: JSONValue, key: String?) -> JSONValue? {
        switch value {
        case .null:
            return nil
        // `nil` alone would read as JSON null here (JSONValue is nil-literal expressible), hence `absent`.
        case .bool(let flag):
            return flag ? value : absent
        case .number(let number):
            return number == JSONNumber(0) ? absent : value
        case .string(let text):
            let result = key == "text" ? collapsed(text) : key == "model" ? modelName(text) : text
            return result.isEmpty ? absent : .string(result)
        case .array(let elements):
            var kept = elements.compactMap { normalised($0, key: nil) }
            if key == "functionDeclarations" {
                kept.sort { ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "") }
            }
            return kept.isEmpty ? absent : .array(kept)
        case .object(let object):
            var result = JSONObject()
            for (name, member) in object {
                let camel = FieldNameSpelling.camelCase(name)
                if freeForm.contains(camel) {
                    result[camel] = withoutNulls(member)
                } else if let kept = normalised(member, key: camel) {
                    result[camel] = kept
                }
            }
            return .object(result)
        }
    }

    private static let absent: JSONValue? = .none

    private static func withoutNulls(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: return nil
        case .array(let elements): return .array(elements.compactMap(withoutNulls))
        case .object(let object):
            var result = JSONObject()
            for (name, member) in object {
                if let kept = withoutNulls(member) { result[name] = kept }
            }
            return .object(result)
        default: return value
        }
    }

    /// `text` with each run of whitespace replaced by one space, trimmed at both ends.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func modelName(_ name: String) -> String {
        name.isEmpty || name.hasPrefix("models/") || name.contains("/") ? name : "models/" + name
    }
}
