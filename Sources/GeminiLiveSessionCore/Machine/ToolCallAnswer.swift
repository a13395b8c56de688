import GeminiLiveProtocol

/// The `response` a tool command's run gives, for `--on-tool-call` and for scenarios' tool commands alike.
public enum ToolCallAnswer {
    /// The command's stdout when that is a JSON object, else `{"output": text}`; `{"error": ...}` naming `option`
    /// when it failed.
    public static func response(status: Int32, output: [UInt8], option: String) -> JSONValue {
        if status != 0 { return ["error": .string("\(option) command exited with status \(status)")] }
        if let json = try? JSONParser.parse(output), case .object = json { return json }
        var text = String(decoding: output, as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        return ["output": .string(text)]
    }
}
