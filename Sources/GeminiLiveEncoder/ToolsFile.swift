import GeminiLiveProtocol
import GeminiLiveSystem

/// Reads `--tools FILE` for a context update, in the shapes `gemini-live-session --tools` takes.
enum ToolsFile {
    /// Tool lists are declarations, not data; anything larger is almost surely the wrong file.
    static let maximumBytes = 8 << 20

    static func read(path: String) throws(ToolError) -> [JSONValue] {
        let name = displayName(of: path)
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path, limit: maximumBytes)
        } catch {
            guard case .tooLarge = error.failure else { throw ToolError(error) }
            throw ToolError(category: .badData, description: "\(name): tools file is larger than 8 MiB")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ToolError(category: .badData, description: "\(name): not JSON: \(error.message)")
        }
        guard let entries = ToolList.entries(from: json) else {
            throw ToolError(category: .badData, description: "\(name): expected a JSON object or list of tools")
        }
        return entries
    }
}
