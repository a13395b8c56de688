import GeminiLiveProtocol
import GeminiLiveSystem
import Yams

extension SourceNode {
    /// Parses the first YAML document of `text`; `file` names it in locations and errors.
    ///
    /// Syntax errors, duplicate keys, non-string keys and aliases are bad data at their `file:line:column`.
    /// An empty document is a null node at 1:1.
    public init(yaml text: String, file: String) throws(ToolError) {
        let root: Node?
        do {
            // The basic resolver leaves every plain scalar untyped; `scalar(_:file:)` applies the core schema.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ToolError(category: .badData, description: "\(file): not YAML: \(error)")
        }
        guard let root else {
            self.init(.null, at: FileLocation(file: file, line: 1, column: 1))
            return
        }
        self = try Self.converted(root, file: file)
    }

    private static func location(_ mark: Mark?, file: String) -> FileLocation {
        FileLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func converted(_ node: Node, file: String) throws(ToolError) -> SourceNode {
        switch node {
        case .scalar(let scalar):
            let place = location(scalar.mark, file: file)
            return SourceNode(scalar.style == .plain ? coreValue(scalar.string) : .string(scalar.string), at: place)
        case .sequence(let sequence):
            var nodes: [SourceNode] = []
            for element in sequence { nodes.append(try converted(element, file: file)) }
            return SourceNode(.sequence(nodes), at: location(sequence.mark, file: file))
        case .mapping(let mapping):
            var members: [Member] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .invalidScenario(at: location(key.mark, file: file), "a key must be a plain string")
                }
                let keyPlace = location(keyScalar.mark, file: file)
                members.append(
                    Member(key: keyScalar.string, keyLocation: keyPlace, value: try converted(value, file: file)))
            }
            return SourceNode(.mapping(members), at: location(mapping.mark, file: file))
        case .alias(let alias):
            throw .invalidScenario(at: location(alias.mark, file: file), "YAML aliases are not supported")
        }
    }

    /// The YAML 1.2 core schema for a plain scalar: null, Booleans, decimal, octal (`0o`) and hex (`0x`)
    /// integers and decimal floats; everything else (`yes`, `on`, `.inf`, `1:30`) is a string.
    static func coreValue(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let body = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        let negative = text.first == "-"
        if body.hasPrefix("0o") || body.hasPrefix("0x"), body.count > 2,
            let magnitude = Int(body.dropFirst(2), radix: body.hasPrefix("0o") ? 8 : 16)
        {
            return .number(JSONNumber(negative ? -magnitude : magnitude))
        }
        if !body.isEmpty, body.allSatisfy(\.isASCIIDigit) {
            if let integer = Int(text) { return .number(JSONNumber(integer)) }
            if let large = Double(text) { return .number(JSONNumber(large)) }
        }
        if isCoreFloat(body), let number = Double(text), number.isFinite { return .number(JSONNumber(number)) }
        return .string(text)
    }

    /// `( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, after the sign.
    private static func isCoreFloat(_ body: Substring) -> Bool {
        var rest = body[...]
        let integerDigits = rest.prefix(while: \.isASCIIDigit).count
        rest = rest.dropFirst(integerDigits)
        var fractionDigits = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: \.isASCIIDigit).count
            rest = rest.dropFirst(fractionDigits)
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponentDigits = rest.prefix(while: \.isASCIIDigit).count
            guard exponentDigits > 0 else { return false }
            rest = rest.dropFirst(exponentDigits)
        }
        return rest.isEmpty
    }

    /// libyaml's complaint as one line at its position.
    private static func syntaxError(_ error: YamlError, file: String) -> ToolError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text), \(problem)" } ?? problem
            return .invalidScenario(at: location(mark, file: file), "not valid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.joined(separator: ", ")
            return .invalidScenario(at: location(context.mark, file: file), "a key is given twice", key: names)
        case .reader(let problem, _, _, _):
            return ToolError(category: .badData, description: "\(file): not readable as YAML text: \(problem)")
        default:
            return ToolError(category: .badData, description: "\(file): not valid YAML: \(error)")
        }
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits, which `isNumber` accepts).
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
