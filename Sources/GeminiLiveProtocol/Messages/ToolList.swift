/// The shapes a tools file may take; one reading for `gemini-live-session --tools` and
/// `gemini-live-encode --context-update --tools`, so a file that works for one works for the other.
public enum ToolList {
    /// Tool entries from a tools file's JSON: a list of tools, one tool object, or a bare list of function
    /// declarations (`{name, description, parameters}`), which becomes one `functionDeclarations` tool.
    /// Nil when the JSON is neither an object nor a list.
    public static func entries(from json: JSONValue) -> [JSONValue]? {
        let items: [JSONValue]
        switch json {
        case .array(let list): items = list
        case .object: items = [json]
        default: return nil
        }
        if !items.isEmpty, items.allSatisfy({ $0["name"] != nil }) {
            return [["functionDeclarations": .array(items)]]
        }
        return items
    }
}
