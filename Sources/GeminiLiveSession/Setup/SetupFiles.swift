import GeminiLiveProtocol
import GeminiLiveSystem

/// Reads the files named by setup flags: `--setup`, `--tools`, `--system @FILE`, `--api-key-file`.
public enum SetupFiles {
    /// The whole content of `path`; a file that cannot be read is an unusable input (66), as in every tool.
    public static func contents(of path: String, option: String) throws(SessionSetupError) -> [UInt8] {
        do {
            return try WholeFile.read(path)
        } catch {
            throw SessionSetupError(error.category, "\(option) '\(path)': \(error.reason)")
        }
    }

    /// A setup from a file holding either `{"setup": {...}}` or the setup object itself.
    public static func setup(path: String) throws(SessionSetupError) -> Setup {
        let json = try parse(path, option: "--setup")
        do {
            if let inner = json["setup"] ?? json["Setup"] { return try Setup(json: inner) }
            return try Setup(json: json)
        } catch {
            throw SessionSetupError(.badData, "--setup '\(path)': \(error)")
        }
    }

    /// Tool entries from a file: a list of tools, one tool object, or a bare list of function declarations.
    public static func tools(path: String) throws(SessionSetupError) -> [JSONValue] {
        let json = try parse(path, option: "--tools")
        guard let entries = ToolList.entries(from: json) else {
            throw SessionSetupError(.badData, "--tools '\(path)': expected a JSON object or list")
        }
        return entries
    }

    /// `--system TEXT`, or the file's text for `@FILE`.
    public static func text(_ argument: String, option: String) throws(SessionSetupError) -> String {
        guard argument.hasPrefix("@") else { return argument }
        let bytes = try contents(of: String(argument.dropFirst()), option: option)
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// `bytes` as text without white space at either end: a secret read from a file or a command's output.
    public static func trimmed(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last?.isWhitespace == true { text.removeLast() }
        while text.first?.isWhitespace == true { text.removeFirst() }
        return text
    }

    /// The API key: `--api-key-file`, else `GOOGLE_API_KEY`, else `GEMINI_API_KEY` (the official SDKs' order).
    public static func apiKey(file: String?, environment: [String: String]) throws(SessionSetupError) -> String? {
        if let file {
            let key = trimmed(try contents(of: file, option: "--api-key-file"))
            guard !key.isEmpty else { throw SessionSetupError(.permission, "--api-key-file '\(file)' is empty") }
            return key
        }
        for name in ["GOOGLE_API_KEY", "GEMINI_API_KEY"] {
            if let key = environment[name], !key.isEmpty { return key }
        }
        return nil
    }

    private static func parse(_ path: String, option: String) throws(SessionSetupError) -> JSONValue {
        let bytes = try contents(of: path, option: option)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw SessionSetupError(.badData, "\(option) '\(path)': not JSON: \(error.message)")
        }
    }
}
