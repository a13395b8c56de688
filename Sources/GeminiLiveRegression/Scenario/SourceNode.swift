import GeminiLiveProtocol

/// A YAML value with the place it was written: what a scenario file becomes before its keys are checked.
///
/// Scalars are already typed by the YAML 1.2 core schema, so `no`, `on` and `012` stay what they look like
/// (a string, a string, the number 12) instead of YAML 1.1's false, true and 10.
public struct SourceNode: Sendable, Equatable {
    /// One member of a mapping, with the key's own location for errors about the key.
    public struct Member: Sendable, Equatable {
        /// The key as written.
        public var key: String
        /// Where the key is.
        public var keyLocation: FileLocation
        /// Its value.
        public var value: SourceNode

        /// Creates a member.
        public init(key: String, keyLocation: FileLocation, value: SourceNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The typed content.
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case sequence([SourceNode])
        case mapping([Member])
    }

    /// The content.
    public var value: Value
    /// Where the value starts.
    public var location: FileLocation

    /// Creates a node.
    public init(_ value: Value, at location: FileLocation) {
        self.value = value
        self.location = location
    }

    /// A word for the value's type, for messages such as "expected a number, found a mapping".
    public var typeName: String {
        switch value {
        case .null: "nothing"
        case .bool: "a Boolean"
        case .number: "a number"
        case .string: "a string"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The same value as JSON, for the parts of a scenario that go to the service as they are (tool arguments,
    /// results, `raw` setup fields). Mapping members keep their order.
    public var json: JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .sequence(let nodes): .array(nodes.map(\.json))
        case .mapping(let members): .object(JSONObject(members.map { ($0.key, $0.value.json) }))
        }
    }
}
