import GeminiLiveProtocol

/// Pretty-printed JSON as the service sends it: two-space indent, `"key": value`, `{}` for empty objects.
enum PrettyJSON {
    /// The pretty text of `value` as UTF-8 bytes, without a trailing newline.
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        append(value, indent: 0, to: &output)
        return output
    }

    /// The pretty text of `value` and the newline that closes every service frame.
    static func frame(_ value: JSONValue) -> [UInt8] {
        bytes(value) + [UInt8(ascii: "\n")]
    }

    private static func append(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: Array("[]".utf8))
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1, &output)
                append(element, indent: indent + 1, to: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                output.append(contentsOf: Array("{}".utf8))
                return
            }
            output.append(UInt8(ascii: "{"))
            for position in object.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1, &output)
                JSONWriter.appendString(object.keys[position], to: &output)
                output.append(contentsOf: Array(": ".utf8))
                append(object.values[position], indent: indent + 1, to: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "}"))
        default:
            JSONWriter.append(value, to: &output)
        }
    }

    private static func newline(_ indent: Int, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }
}
