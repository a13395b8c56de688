/// One value read by `JSONStreamReader`, with the line it began on.
public struct JSONStreamValue: Sendable, Equatable {
    /// The 1-based line of the value's first byte.
    public var line: Int
    /// The parsed value.
    public var value: JSONValue

    /// Creates a stream value.
    public init(line: Int, value: JSONValue) {
        self.line = line
        self.value = value
    }
}
