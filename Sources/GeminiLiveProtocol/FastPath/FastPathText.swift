/// Where a JSON string the fast path checked lies in a value's bytes, to be made a `String` when a message is
/// built.
struct FastPathText: Sendable, Equatable {
    /// The opening quote.
    var opening: Int
    /// Just past the closing quote.
    var end: Int
    /// Whether the text between the quotes is the string itself (ASCII without escapes).
    var isVerbatim: Bool

    /// The string, as the full parser reads it; `bytes` must be the value it was found in.
    func string(in bytes: UnsafeRawBufferPointer) -> String {
        if isVerbatim {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[opening + 1..<end - 1]), as: UTF8.self)
        }
        var parser = JSONParser(bytes: bytes)
        parser.index = opening
        guard let text = try? parser.parseString() else {
            preconditionFailure("the string at \(opening) is not valid JSON: not the value it was recognised in")
        }
        return text
    }
}
