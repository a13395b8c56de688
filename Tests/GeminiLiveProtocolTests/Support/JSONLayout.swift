@testable import GeminiLiveProtocol

/// Writes a JSON value in the layouts other tools produce, to feed the fast path what real logs hold.
struct JSONLayout: Sendable, CustomStringConvertible {
    /// Between a key and its value.
    var keySeparator: String
    /// Between members or elements (before any newline).
    var itemSeparator: String
    /// The line break and one level of indentation when pretty-printing; nil for one line.
    var lineBreak: (newline: String, indentation: String)?
    var description: String

    /// The session's and the encoder's lines.
    static let compact = JSONLayout(keySeparator: ":", itemSeparator: ",", lineBreak: nil, description: "compact")
    /// Python's `json.dumps` defaults.
    static let python = JSONLayout(keySeparator: ": ", itemSeparator: ", ", lineBreak: nil, description: "python")
    /// What the service sends, and `json.dumps(indent=2)`.
    static let indented = JSONLayout(
        keySeparator: ": ", itemSeparator: ",", lineBreak: ("\n", "  "), description: "indent 2")
    /// Tabs and CRLF line ends, all still JSON whitespace.
    static let crlfTabs = JSONLayout(
        keySeparator: "\t:\t", itemSeparator: " ,", lineBreak: ("\r\n", "\t"), description: "tabs")

    static let all = [compact, python, indented, crlfTabs]

    func render(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        render(value, depth: 0, to: &output)
        return output
    }

    private func newline(_ depth: Int, to output: inout [UInt8]) {
        guard let lineBreak else { return }
        output.append(contentsOf: lineBreak.newline.utf8)
        for _ in 0..<depth { output.append(contentsOf: lineBreak.indentation.utf8) }
    }

    private func render(_ value: JSONValue, depth: Int, to output: inout [UInt8]) {
        switch value {
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for position in object.indices {
                if position > 0 { output.append(contentsOf: itemSeparator.utf8) }
                newline(depth + 1, to: &output)
                JSONWriter.appendString(object.keys[position], to: &output)
                output.append(contentsOf: keySeparator.utf8)
                render(object.values[position], depth: depth + 1, to: &output)
            }
            if !object.isEmpty { newline(depth, to: &output) }
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(contentsOf: itemSeparator.utf8) }
                newline(depth + 1, to: &output)
                render(element, depth: depth + 1, to: &output)
            }
            if !elements.isEmpty { newline(depth, to: &output) }
            output.append(UInt8(ascii: "]"))
        default:
            output.append(contentsOf: value.compactBytes)
        }
    }

    /// `value` with every object's members in a random order.
    static func shuffled(_ value: JSONValue, using generator: inout SeededGenerator) -> JSONValue {
        switch value {
        case .object(let object):
            var pairs = object.indices.map { (object.keys[$0], shuffled(object.values[$0], using: &generator)) }
            pairs.shuffle(using: &generator)
            return .object(JSONObject(pairs))
        case .array(let elements):
            return .array(elements.map { shuffled($0, using: &generator) })
        default:
            return value
        }
    }

    /// `value` with every key in snake_case, as proto JSON also accepts.
    static func snakeCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let pairs = object.indices.map { position in
                var key = ""
                for character in object.keys[position] {
                    key += character.isUppercase ? "_" + character.lowercased() : String(character)
                }
                return (key, snakeCased(object.values[position]))
            }
            return .object(JSONObject(pairs))
        case .array(let elements):
            return .array(elements.map(snakeCased))
        default:
            return value
        }
    }
}
