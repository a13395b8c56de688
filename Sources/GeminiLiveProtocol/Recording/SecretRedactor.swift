/// Replaces secrets with `SecretRedactor.marker` in whatever a tool writes down: cassettes, logs, stderr.
///
/// Redaction happens at write time, so no file ever holds a secret to be scrubbed later. What is replaced:
/// - every registered value (the API key or token the session sends, the values of `--redact-env` variables),
///   wherever it occurs in a string;
/// - the token after `auth_tokens/` (ephemeral tokens);
/// - the value of a `key=` or `access_token=` URL query parameter;
/// - the value after an `Authorization:` or `x-goog-api-key:` header name (any case), to the end of the line;
/// - in JSON, the value of a member named `authorization` or `x-goog-api-key` (any case) and, unless turned
///   off, of a resumption handle (`handle`, `newHandle`, `new_handle`): a handle resumes the session it names.
///
/// Members named `data` (base64 audio and images) are not scanned: no secret is written in base64, and they are
/// the bulk of every frame. `names` lists what was registered, never the values, for a cassette header's
/// `redacted`.
public struct SecretRedactor: Sendable, Equatable {
    /// What a secret is replaced with.
    public static let marker = "<redacted>"

    /// The names of the registered values (a variable's or header's name), in the order added, each once.
    public private(set) var names: [String] = []
    /// Whether resumption handles in JSON are replaced.
    public var redactsHandles: Bool
    /// The registered values as UTF-8, longest first so that a value containing another is replaced whole.
    private var values: [[UInt8]] = []

    /// A redactor of the fixed rules alone; add the values of the run with `add(_:name:)`.
    public init(redactsHandles: Bool = true) {
        self.redactsHandles = redactsHandles
    }

    /// Registers `value` to be replaced wherever it occurs, under `name`; an empty value is ignored.
    public mutating func add(_ value: String, name: String) {
        if !names.contains(name) { names.append(name) }
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, !values.contains(bytes) else { return }
        values.append(bytes)
        values.sort { $0.count > $1.count }
    }

    /// Registers the value of each variable `names` lists in `environment`; a variable that is unset or empty is
    /// still named (the header says it would have been redacted), there is just nothing to replace.
    public mutating func add(environment names: [String], from environment: [String: String]) {
        for name in names { add(environment[name] ?? "", name: name) }
    }

    // MARK: - Text

    /// `text` with every secret replaced.
    public func redacting(_ text: String) -> String {
        var bytes = Array(text.utf8)
        guard redact(&bytes) else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces the secrets in `bytes`; whether anything changed.
    private func redact(_ bytes: inout [UInt8]) -> Bool {
        var changed = false
        for value in values { changed = Self.replaceAll(value, in: &bytes) || changed }
        for rule in Self.rules { changed = rule.apply(to: &bytes) || changed }
        return changed
    }

    private static let markerBytes = Array(marker.utf8)

    private static func replaceAll(_ value: [UInt8], in bytes: inout [UInt8]) -> Bool {
        guard bytes.count >= value.count, let first = value.first else { return false }
        var result: [UInt8] = []
        var index = 0
        var copied = 0
        while index + value.count <= bytes.count {
            if bytes[index] == first && bytes[index..<(index + value.count)].elementsEqual(value) {
                result += bytes[copied..<index]
                result += markerBytes
                index += value.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return false }
        result += bytes[copied...]
        bytes = result
        return true
    }

    /// A secret that follows a fixed prefix: the prefix stays, the value after it is replaced.
    private struct Rule: Sendable {
        /// The prefix, lowercase when `anyCase`.
        let prefix: [UInt8]
        let anyCase: Bool
        /// Whether the byte before the prefix (nil at the start) lets it count, so `monkey=` is not `key=`.
        let startsAfter: @Sendable (UInt8?) -> Bool
        /// Spaces after the prefix are skipped (header values).
        let skipsSpaces: Bool
        /// Whether a byte ends the value.
        let endsValue: @Sendable (UInt8) -> Bool

        func apply(to bytes: inout [UInt8]) -> Bool {
            var changed = false
            var index = 0
            while index + prefix.count <= bytes.count {
                guard matches(bytes, at: index), startsAfter(index == 0 ? nil : bytes[index - 1]) else {
                    index += 1
                    continue
                }
                var start = index + prefix.count
                if skipsSpaces { while start < bytes.count, bytes[start] == 0x20 { start += 1 } }
                var end = start
                while end < bytes.count, !endsValue(bytes[end]) { end += 1 }
                if end > start, !bytes[start..<end].elementsEqual(SecretRedactor.markerBytes) {
                    bytes.replaceSubrange(start..<end, with: SecretRedactor.markerBytes)
                    end = start + SecretRedactor.markerBytes.count
                    changed = true
                }
                index = max(end, index + 1)
            }
            return changed
        }

        private func matches(_ bytes: [UInt8], at index: Int) -> Bool {
            for (offset, expected) in prefix.enumerated() {
                var byte = bytes[index + offset]
                if anyCase, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                if byte != expected { return false }
            }
            return true
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"),
            UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "%"):
            true
        default: false
        }
    }

    private static let rules: [Rule] = {
        let queryValueEnds: @Sendable (UInt8) -> Bool = { byte in
            byte <= 0x20 || "&#\"'<>".utf8.contains(byte)
        }
        let queryStarts: @Sendable (UInt8?) -> Bool = { byte in byte.map { "?&;".utf8.contains($0) } ?? false }
        let headerStarts: @Sendable (UInt8?) -> Bool = { byte in
            byte.map { $0 <= 0x20 || "\"'{,".utf8.contains($0) } ?? true
        }
        let headerValueEnds: @Sendable (UInt8) -> Bool = { byte in
            byte == 0x0A || byte == 0x0D || byte == 0x22 || byte == 0x27
        }
        return [
            Rule(
                prefix: Array("auth_tokens/".utf8), anyCase: false, startsAfter: { _ in true }, skipsSpaces: false,
                endsValue: { !isTokenByte($0) }),
            Rule(
                prefix: Array("key=".utf8), anyCase: false, startsAfter: queryStarts, skipsSpaces: false,
                endsValue: queryValueEnds),
            Rule(
                prefix: Array("access_token=".utf8), anyCase: false, startsAfter: queryStarts, skipsSpaces: false,
                endsValue: queryValueEnds),
            Rule(
                prefix: Array("authorization:".utf8), anyCase: true, startsAfter: headerStarts, skipsSpaces: true,
                endsValue: headerValueEnds),
            Rule(
                prefix: Array("x-goog-api-key:".utf8), anyCase: true, startsAfter: headerStarts, skipsSpaces: true,
                endsValue: headerValueEnds),
        ]
    }()

    // MARK: - JSON

    private static let secretMembers: Set<String> = ["authorization", "x-goog-api-key"]
    private static let handleMembers: Set<String> = ["handle", "newHandle", "new_handle"]

    /// `value` with every secret replaced: in its strings, and whole for the members named above.
    public func redacting(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                if key == "data" {
                    result.append(key, member)
                } else if case .string(let text) = member, !text.isEmpty,
                    Self.secretMembers.contains(key.lowercased())
                        || (redactsHandles && Self.handleMembers.contains(key))
                {
                    result.append(key, .string(Self.marker))
                } else {
                    result.append(key, redacting(member))
                }
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(redacting))
        case .string(let text):
            return .string(redacting(text))
        default:
            return value
        }
    }
}
