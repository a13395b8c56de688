import GeminiLiveProtocol

/// Fills `{{turn}}`, `{{text}}`, `{{transcript}}`, `{{response}}`, `{{instruction}}` and `{{tools}}` in a
/// scripted `say`.
struct ReplyTemplate: Sendable {
    var turn: Int
    var text: String
    var transcript: String
    /// The system instruction in force (setup's, or the latest `contextUpdate`'s), as text.
    var instruction = ""
    /// The declared function names in force, comma-separated.
    var tools = ""
    /// The last tool response; `{{response}}` is its `output` (a string as is, anything else as compact JSON).
    var response: JSONValue?

    func fill(_ pattern: String) -> String {
        var result = pattern
        result = result.replacing("{{turn}}", with: String(turn))
        result = result.replacing("{{text}}", with: text)
        result = result.replacing("{{transcript}}", with: transcript)
        result = result.replacing("{{instruction}}", with: instruction)
        result = result.replacing("{{tools}}", with: tools)
        if result.contains("{{response}}") {
            let value = response?["output"] ?? response ?? .null
            let rendered = value.stringValue ?? value.description
            result = result.replacing("{{response}}", with: rendered)
        }
        return result
    }
}
