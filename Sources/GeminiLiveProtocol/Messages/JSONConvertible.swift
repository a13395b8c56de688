/// A message or sub-message that converts to and from its wire JSON, keeping fields it does not know.
public protocol JSONConvertible: Sendable, Equatable {
    /// Decodes from JSON, accepting camelCase and snake_case field names.
    init(json: JSONValue) throws(MessageDecodingError)
    /// The wire JSON: known fields in camelCase, then unknown fields as received.
    var json: JSONValue { get }
}

extension JSONConvertible {
    /// The compact JSON text of `json`.
    public var compactBytes: [UInt8] { json.compactBytes }

    /// The compact JSON text followed by a newline: one NDJSON line.
    public var line: [UInt8] {
        var bytes = compactBytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The compact JSON text (what `CustomStringConvertible` shows for messages).
    public var description: String { String(decoding: compactBytes, as: UTF8.self) }
}
