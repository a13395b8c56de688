import GeminiLiveProtocol

/// Where two JSON values first differ: an RFC 6901 pointer and the value on each side (nil where a member or
/// element is missing), so a divergence names the exact field instead of dumping two messages.
struct JSONDifference: Sendable, Equatable {
    /// The JSON pointer of the first difference, relative to the compared values (`""` for the roots).
    var pointer: String
    /// The recorded value there, or nil if the recording has none.
    var recorded: JSONValue?
    /// The live value there, or nil if the client sent none.
    var got: JSONValue?

    /// The first difference between `recorded` and `got`, depth first in the recorded member order, then the
    /// members only `got` has; nil when they are equal.
    static func first(recorded: JSONValue?, got: JSONValue?, at pointer: String = "") -> JSONDifference? {
        switch (recorded, got) {
        case (nil, nil):
            return nil
        case (.object(let left)?, .object(let right)?):
            for (key, value) in left {
                if let difference = first(recorded: value, got: right[key], at: pointer + "/" + escaped(key)) {
                    return difference
                }
            }
            for (key, value) in right where left[key] == nil {
                return JSONDifference(pointer: pointer + "/" + escaped(key), recorded: nil, got: value)
            }
            return nil
        case (.array(let left)?, .array(let right)?):
            for index in 0..<max(left.count, right.count) {
                // Typed: a bare `nil` here would be JSON null, and a missing element is not a null one.
                let recordedElement: JSONValue? = index < left.count ? left[index] : .none
                let gotElement: JSONValue? = index < right.count ? right[index] : .none
                if let difference = first(recorded: recordedElement, got: gotElement, at: pointer + "/\(index)") {
                    return difference
                }
            }
            return nil
        default:
            return recorded == got ? nil : JSONDifference(pointer: pointer, recorded: recorded, got: got)
        }
    }

    /// A member name as a pointer token: `~` is `~0` and `/` is `~1`.
    static func escaped(_ key: String) -> String {
        var token = ""
        for character in key {
            switch character {
            case "~": token += "~0"
            case "/": token += "~1"
            default: token.append(character)
            }
        }
        return token
    }
}
