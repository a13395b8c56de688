/// A JSON object: key/value pairs in the order they were written or inserted.
///
/// Lookup is a linear scan, which beats hashing for the handful of keys Live messages carry.
/// Equality compares pairs in order, so a round trip that reorders keys is detected.
public struct JSONObject: Sendable, Equatable {
    /// The keys, in order.
    public private(set) var keys: [String]
    /// The values, parallel to `keys`.
    public private(set) var values: [JSONValue]

    /// Creates an empty object.
    public init() {
        keys = []
        values = []
    }

    /// Creates an object from pairs, kept in the given order.
    public init(_ pairs: [(String, JSONValue)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The first value stored under `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = index(forKey: key) else { return nil }
            return values[index]
        }
        set {
            if let index = index(forKey: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                append(key, newValue)
            }
        }
    }

    /// The position of the first member named `key`.
    public func index(forKey key: String) -> Int? {
        keys.firstIndex(of: key)
    }

    /// Appends a member without looking for an existing one (the parser keeps duplicate keys as written).
    public mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    /// Appends every member of `other`, in its order.
    public mutating func append(contentsOf other: JSONObject) {
        keys.append(contentsOf: other.keys)
        values.append(contentsOf: other.values)
    }

    /// Removes the first member named `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = index(forKey: key) else { return nil }
        keys.remove(at: index)
        return values.remove(at: index)
    }

    /// Reserves room for `capacity` members.
    public mutating func reserveCapacity(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }
}

extension JSONObject: RandomAccessCollection {
    /// One member of the object.
    public typealias Element = (key: String, value: JSONValue)

    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }

    public subscript(position: Int) -> Element {
        (keys[position], values[position])
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object whose members keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
