import GeminiLiveProtocol

/// Fills `{{turn}}`, `{{text}}`, `{{transcript}}` and `{{response}}` in a scripted `say`.
struct ReplyTemplate: Sendable {
    var turn: Int
    var text: String
    var transcript: String
    /// The last tool response; `{{response}}` is its `output` (a string as is, anything else as compact JSON).
    var response: JSONValue?

    func fill(_ pattern: String) -> String {
        var result = pattern
        result = result.replacing("{{turn}}", with: String(turn))
        result = result.replacing("{{text}}", with: text)
        result = result.replacing("{{transcript}}", with: transcript)
        if result.contains("{{response}}") {
            let value = response?["output"] ?? response ?? .null
            let rendered = value.stringValue ?? value.description
            result = result.replacing("{{response}}", with: rendered)
        }
        return result
    }
}
