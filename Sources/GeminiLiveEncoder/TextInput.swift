import GeminiLiveSystem

/// Reads a text input file as one user turn.
enum TextInput {
    /// Text turns are prompts, not corpora; anything larger is almost surely the wrong file.
    static let maximumBytes = 8 << 20

    static func read(path: String) throws(ToolError) -> String {
        let name = displayName(of: path)
        var bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path, limit: maximumBytes)
        } catch {
            guard case .tooLarge = error.failure else { throw ToolError(error) }
            throw ToolError(category: .badData, description: "\(name): text input is larger than 8 MiB")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ToolError(category: .badData, description: "\(name): not valid UTF-8 text")
        }
        // A file's final newline ends its last line; it is not part of the prompt.
        var trimmed = Substring(text)
        while let last = trimmed.last, last == "\n" || last == "\r\n" || last == "\r" { trimmed.removeLast() }
        guard !trimmed.allSatisfy(\.isWhitespace) else {
            throw ToolError(category: .badData, description: "\(name): text input is empty")
        }
        return String(trimmed)
    }
}
