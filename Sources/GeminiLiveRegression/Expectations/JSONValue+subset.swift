import GeminiLiveProtocol

extension JSONValue {
    /// Whether `actual` contains this value: every member of an object must be in `actual` with a matching
    /// value (extra members are ignored, at any depth); lists must have the same length and match element by
    /// element; numbers match by value (`1` and `1.0`); everything else must be equal.
    ///
    /// The rule of `tool_call: {args: ...}` and of `tool_responses` `when:`: a test names the arguments it
    /// cares about, so a model adding an optional argument does not break it.
    public func isSubset(of actual: JSONValue) -> Bool {
        switch (self, actual) {
        case (.object(let expected), .object(let actualObject)):
            return expected.allSatisfy { member in
                guard let value = actualObject[member.key] else { return false }
                return member.value.isSubset(of: value)
            }
        case (.array(let expected), .array(let actualElements)):
            return expected.count == actualElements.count
                && zip(expected, actualElements).allSatisfy { $0.isSubset(of: $1) }
        default:
            return self == actual
        }
    }
}
