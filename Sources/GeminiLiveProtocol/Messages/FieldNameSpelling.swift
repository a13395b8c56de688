/// How a field name written in snake_case (`media_chunks`, as older clients and SDKs send it) is spelled in
/// camelCase, the spelling the tools write: the message types read both.
public enum FieldNameSpelling {
    /// `media_chunks` → `mediaChunks`; a camelCase name passes unchanged.
    public static func camelCase(_ name: String) -> String {
        guard name.contains("_") else { return name }
        var result = ""
        var upper = false
        for character in name {
            if character == "_" {
                upper = true
            } else {
                result.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return result
    }
}
