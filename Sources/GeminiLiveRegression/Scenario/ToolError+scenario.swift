import GeminiLiveSystem

extension ToolError {
    /// A scenario file that cannot be used: `FILE:LINE:COLUMN: what is wrong (key)`, one line, bad data (65).
    ///
    /// The key in parentheses is the one the user wrote (or the section it belongs to), so a typo is named as typed.
    static func invalidScenario(at location: FileLocation, _ problem: String, key: String? = nil) -> ToolError {
        let suffix = key.map { " (\($0))" } ?? ""
        return ToolError(category: .badData, description: "\(location): \(problem)\(suffix)")
    }
}
