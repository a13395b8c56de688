/// Reads the known fields of one JSON object by camelCase name, matching the snake_case spelling too,
/// and hands back whatever was not read as the unknown fields, in their original order.
struct MessageFields {
    private let object: JSONObject
    private var used: [Bool]

    init(_ json: JSONValue) throws(MessageDecodingError) {
        guard case .object(let object) = json else { throw MessageDecodingError(reason: "expected an object") }
        self.object = object
        used = Array(repeating: false, count: object.count)
    }

    /// The members nobody asked for, as received.
    var unknownFields: JSONObject {
        var rest = JSONObject()
        for position in object.indices where !used[position] {
            rest.append(object.keys[position], object.values[position])
        }
        return rest
    }

    /// Whether a non-null member spelled `name` in either casing is present.
    func contains(_ name: String) -> Bool {
        object.contains { !$0.value.isNull && Self.key($0.key, matches: name) }
    }

    /// Takes the first member spelled `name` in either casing; `null` counts as absent, as in proto JSON.
    mutating func take(_ name: String) -> JSONValue? {
        for position in object.indices where !used[position] && Self.key(object.keys[position], matches: name) {
            used[position] = true
            let value = object.values[position]
            return value.isNull ? nil : value
        }
        return nil
    }

    mutating func string(_ name: String) throws(MessageDecodingError) -> String? {
        guard let value = take(name) else { return nil }
        guard case .string(let text) = value else { throw mismatch(name, "a string") }
        return text
    }

    mutating func bool(_ name: String) throws(MessageDecodingError) -> Bool? {
        guard let value = take(name) else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(name, "true or false") }
        return flag
    }

    /// An integer given as a JSON number or, as proto JSON allows for 64-bit fields, a decimal string.
    mutating func int(_ name: String) throws(MessageDecodingError) -> Int? {
        guard let value = take(name) else { return nil }
        guard let int = Self.integer(value) else { throw mismatch(name, "an integer") }
        return int
    }

    /// `value` as an integer: a JSON number, or a decimal string (proto JSON's 64-bit fields); nil otherwise.
    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): number.int
        case .string(let text): JSONNumber(text: text)?.int
        default: nil
        }
    }

    mutating func double(_ name: String) throws(MessageDecodingError) -> Double? {
        guard let value = take(name) else { return nil }
        switch value {
        case .number(let number):
            if let double = number.double { return double }
        case .string(let text):
            if let double = JSONNumber(text: text)?.double { return double }
        default: break
        }
        throw mismatch(name, "a number")
    }

    /// A list of strings; a lone string counts as a one-element list (the service is lenient here).
    mutating func strings(_ name: String) throws(MessageDecodingError) -> [String]? {
        guard let value = take(name) else { return nil }
        switch value {
        case .string(let text): return [text]
        case .array(let elements):
            var texts: [String] = []
            for (position, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    throw MessageDecodingError(reason: "expected a string").nested(in: "[\(position)]").nested(in: name)
                }
                texts.append(text)
            }
            return texts
        default: throw mismatch(name, "a list of strings")
        }
    }

    /// Base64 bytes in either alphabet.
    mutating func bytes(_ name: String) throws(MessageDecodingError) -> [UInt8]? {
        guard let text = try string(name) else { return nil }
        do {
            return try Base64.decode(text)
        } catch {
            throw MessageDecodingError(path: name, reason: error.description)
        }
    }

    /// A field whose presence is the point (`activityStart: {}`): present means true.
    mutating func presence(_ name: String) -> Bool {
        take(name) != nil
    }

    mutating func decode<Value: JSONConvertible>(_ name: String, as type: Value.Type = Value.self)
        throws(MessageDecodingError) -> Value?
    {
        guard let value = take(name) else { return nil }
        do {
            return try Value(json: value)
        } catch {
            throw error.nested(in: name)
        }
    }

    /// A repeated message field; a lone object counts as a one-element list.
    mutating func list<Value: JSONConvertible>(_ name: String, of type: Value.Type = Value.self)
        throws(MessageDecodingError) -> [Value]?
    {
        guard let value = take(name) else { return nil }
        let elements: [JSONValue]
        switch value {
        case .array(let array): elements = array
        case .object: elements = [value]
        default: throw mismatch(name, "a list")
        }
        var decoded: [Value] = []
        decoded.reserveCapacity(elements.count)
        for (position, element) in elements.enumerated() {
            do {
                decoded.append(try Value(json: element))
            } catch {
                throw error.nested(in: "[\(position)]").nested(in: name)
            }
        }
        return decoded
    }

    private func mismatch(_ name: String, _ expected: String) -> MessageDecodingError {
        MessageDecodingError(path: name, reason: "expected \(expected)")
    }

    /// Whether `key` is `camelName` or its snake_case spelling (`mime_type` for `mimeType`), without allocating.
    static func key(_ key: String, matches camelName: String) -> Bool {
        // Most keys arrive camelCase, and most comparisons are misses: settle both cheaply.
        if key == camelName { return true }
        guard key.utf8.first == camelName.utf8.first else { return false }
        var keyBytes = key.utf8.makeIterator()
        for byte in camelName.utf8 {
            guard let next = keyBytes.next() else { return false }
            if next == byte { continue }
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            guard isUpper, next == UInt8(ascii: "_"), keyBytes.next() == byte | 0x20 else { return false }
        }
        return keyBytes.next() == nil
    }
}
