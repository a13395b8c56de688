/// A JSON number that keeps its literal text so it round-trips exactly.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The number as written in JSON, e.g. `-12`, `0.5`, `1e-7`.
    public let text: String

    /// Creates a number from an integer.
    public init(_ value: Int) {
        text = String(value)
    }

    /// Creates a number from a double; non-finite values, which JSON cannot hold, are written as `null`.
    public init(_ value: Double) {
        // Swift prints the shortest text that reads back as the same double, which is valid JSON when finite.
        text = value.isFinite ? "\(value)" : "null"
    }

    /// Creates a number from JSON number text, or nil if `text` is not a valid JSON number.
    public init?(text: String) {
        var bytes = Array(text.utf8)
        let valid = bytes.withUnsafeMutableBytes { JSONParser.isNumber(UnsafeRawBufferPointer($0)) }
        guard valid else { return nil }
        self.text = text
    }

    /// Trusts the caller (the parser) to have validated `text`.
    init(validatedText text: String) {
        self.text = text
    }

    /// The value as an `Int`, if it is an integer that fits.
    public var int: Int? {
        if let value = Int(text) { return value }
        guard let value = Double(text) else { return nil }
        return Int(exactly: value)
    }

    /// The value as a `Double` (nearest representable).
    public var double: Double? {
        Double(text)
    }

    public var description: String { text }

    /// Numbers are equal when their text is, or when they denote the same value (`1` and `1.0`).
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        if let left = Int(lhs.text), let right = Int(rhs.text) { return left == right }
        guard let left = lhs.double, let right = rhs.double else { return false }
        return left == right
    }
}
