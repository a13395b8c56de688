import GeminiLiveProtocol
import GeminiLiveSystem

/// The members of one YAML mapping being read, remembering which keys were taken so that whatever is left
/// (a typo such as `expct:`) is reported with its place instead of being ignored.
struct MappingFields {
    /// The mapping's path in the file, such as `setup` or `turns[1].at`, prefixed to keys in errors.
    let path: String
    /// Where the mapping starts.
    let location: FileLocation
    private var members: [SourceNode.Member]

    /// Reads `node`, which must be a mapping.
    init(_ node: SourceNode, path: String) throws(ToolError) {
        guard case .mapping(let members) = node.value else {
            throw .invalidScenario(
                at: node.location, "expected a mapping, found \(node.typeName)", key: path.isEmpty ? nil : path)
        }
        self.path = path
        self.location = node.location
        self.members = members
    }

    /// The keys as written, in order.
    var keys: [String] { members.map(\.key) }

    /// `key` joined to this mapping's path.
    func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Removes and returns the member named `key`.
    mutating func take(_ key: String) -> SourceNode.Member? {
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        return members.remove(at: index)
    }

    /// Removes and returns the value named `key`.
    mutating func takeValue(_ key: String) -> SourceNode? { take(key)?.value }

    /// Fails on the first member whose key is not `known`, naming it and the keys this mapping knows.
    ///
    /// Called before any value is read, so that a misspelt key is reported as such and not as the
    /// missing key it was meant to be.
    func rejectUnknownKeys(known: [String]) throws(ToolError) {
        guard let stray = members.first(where: { !known.contains($0.key) }) else { return }
        let where_ = path.isEmpty ? "at the top level" : "in \(path)"
        throw .invalidScenario(
            at: stray.keyLocation, "unknown key \(where_); known keys: \(known.joined(separator: ", "))",
            key: path(of: stray.key))
    }

    // MARK: - Typed values

    /// The string under `key`, if present; any other type is an error.
    mutating func string(_ key: String) throws(ToolError) -> String? {
        guard let node = takeValue(key) else { return nil }
        return try Self.string(node, path: path(of: key))
    }

    /// The number under `key`, if present.
    mutating func number(_ key: String) throws(ToolError) -> Double? {
        guard let node = takeValue(key) else { return nil }
        return try Self.number(node, path: path(of: key))
    }

    /// The whole number under `key`, if present.
    mutating func integer(_ key: String) throws(ToolError) -> Int? {
        guard let node = takeValue(key) else { return nil }
        return try Self.integer(node, path: path(of: key))
    }

    /// The Boolean under `key`, if present.
    mutating func bool(_ key: String) throws(ToolError) -> Bool? {
        guard let node = takeValue(key) else { return nil }
        guard case .bool(let flag) = node.value else {
            throw .invalidScenario(
                at: node.location, "expected true or false, found \(node.typeName)", key: path(of: key))
        }
        return flag
    }

    /// `node` as a string; numbers and Booleans are not quietly turned into text.
    static func string(_ node: SourceNode, path: String) throws(ToolError) -> String {
        guard case .string(let text) = node.value else {
            throw .invalidScenario(at: node.location, "expected a string, found \(node.typeName)", key: path)
        }
        return text
    }

    /// `node` as a number.
    static func number(_ node: SourceNode, path: String) throws(ToolError) -> Double {
        guard case .number(let number) = node.value, let value = number.double else {
            throw .invalidScenario(at: node.location, "expected a number, found \(node.typeName)", key: path)
        }
        return value
    }

    /// `node` as a whole number.
    static func integer(_ node: SourceNode, path: String) throws(ToolError) -> Int {
        guard case .number(let number) = node.value, let value = number.int else {
            let found = if case .number(let number) = node.value { number.text } else { node.typeName }
            throw .invalidScenario(at: node.location, "expected a whole number, found \(found)", key: path)
        }
        return value
    }
}
