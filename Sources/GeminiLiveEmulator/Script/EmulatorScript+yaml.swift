import Foundation
import GeminiLiveProtocol
import Yams

extension EmulatorScript {
    /// Parses a script written in YAML: the same structure as the JSON form, often easier to write by hand.
    public init(yaml text: String) throws(Invalid) {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw Invalid(description: "not YAML: \(error)")
        }
        guard let document else { throw Invalid(description: "empty YAML document") }
        try self.init(json: Self.json(document).compactBytes)
    }

    /// Parses a script file's text: YAML for `.yaml`/`.yml` names, JSON otherwise.
    public init(contentsOf bytes: [UInt8], path: String) throws(Invalid) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            try self.init(yaml: String(decoding: bytes, as: UTF8.self))
        } else {
            try self.init(json: bytes)
        }
    }

    /// Yams' plain values (dictionaries, arrays, strings, numbers, booleans, null) as JSON.
    private static func json(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(JSONNumber(number))
        case let number as Double: return .number(JSONNumber(number))
        case let list as [Any]: return .array(list.map(json))
        case let map as [String: Any]:
            // YAML mappings have no order that matters to a script; sort for a stable result.
            return .object(JSONObject(map.keys.sorted().map { ($0, json(map[$0]!)) }))
        case is NSNull: return .null
        default: return .string(String(describing: value))
        }
    }
}
