/// Appenders for building a message's wire JSON: each writes its member only when the value is present.
extension JSONObject {
    mutating func put(_ key: String, _ value: String?) {
        if let value { append(key, .string(value)) }
    }

    mutating func put(_ key: String, _ value: Bool?) {
        if let value { append(key, .bool(value)) }
    }

    mutating func put(_ key: String, _ value: Int?) {
        if let value { append(key, .number(JSONNumber(value))) }
    }

    mutating func put(_ key: String, _ value: Double?) {
        if let value { append(key, .number(JSONNumber(value))) }
    }

    mutating func put(_ key: String, _ value: JSONValue?) {
        if let value, !value.isNull { append(key, value) }
    }

    mutating func put(_ key: String, _ value: (some JSONConvertible)?) {
        if let value { append(key, value.json) }
    }

    mutating func put(_ key: String, _ values: [some JSONConvertible]?) {
        if let values { append(key, .array(values.map(\.json))) }
    }

    mutating func put(_ key: String, strings values: [String]?) {
        if let values { append(key, .array(values.map(JSONValue.string))) }
    }

    /// Writes `{}` for a presence flag that is set.
    mutating func put(_ key: String, present: Bool) {
        if present { append(key, .object(JSONObject())) }
    }

    /// Finishes a message: appends the unknown fields after the known ones.
    func finished(with unknownFields: JSONObject) -> JSONValue {
        var object = self
        object.append(contentsOf: unknownFields)
        return .object(object)
    }
}
