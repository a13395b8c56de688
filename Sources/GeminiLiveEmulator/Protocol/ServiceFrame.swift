import GeminiLiveProtocol

/// The bytes of one frame as the service sends it: the message's JSON with function calls' members in the
/// service's order (`name`, `args`, `id`), pretty-printed with two-space indents, and a closing newline.
///
/// `{"setupComplete":{}}` thus goes out as the 26 bytes the service sends.
enum ServiceFrame {
    /// The frame for `message`.
    static func bytes(_ message: ServerMessage) -> [UInt8] {
        PrettyJSON.frame(inServiceOrder(message.json))
    }

    /// `json` with each `toolCall.functionCalls[]` entry's members reordered to `name`, `args`, `id`, then the rest.
    static func inServiceOrder(_ json: JSONValue) -> JSONValue {
        guard case .object(var message) = json, case .object(var toolCall)? = message["toolCall"],
            case .array(let calls)? = toolCall["functionCalls"]
        else { return json }
        toolCall["functionCalls"] = .array(calls.map(reordered))
        message["toolCall"] = .object(toolCall)
        return .object(message)
    }

    private static func reordered(_ call: JSONValue) -> JSONValue {
        guard case .object(let members) = call else { return call }
        let first = ["name", "args", "id"]
        var result = JSONObject()
        for key in first { if let value = members[key] { result.append(key, value) } }
        for (key, value) in members where !first.contains(key) { result.append(key, value) }
        return .object(result)
    }
}
