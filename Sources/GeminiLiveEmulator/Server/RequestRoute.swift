import GeminiLiveProtocol
import HTTPTypes

/// Which Live endpoint a WebSocket upgrade asks for, and with which credentials.
struct RequestRoute: Sendable, Equatable {
    /// The API version in the path.
    var version: APIVersion
    /// Whether this is `BidiGenerateContentConstrained` (ephemeral tokens).
    var constrained: Bool
    /// The API key or token given, in whichever of the four places.
    var credential: String?

    /// Reads `path` (with its query) and the headers; nil for any path the service does not serve (HTTP 404).
    init?(path fullPath: String, headers: HTTPFields) {
        let pieces = fullPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        // Collapse repeated slashes: python-genai asks for //ws/...
        let path = "/" + pieces[0].split(separator: "/").joined(separator: "/")
        let prefix = "/ws/google.ai.generativelanguage."
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        guard let version = APIVersion(rawValue: String(rest[..<dot])) else { return nil }
        let method = rest[rest.index(after: dot)...]
        switch method {
        case "GenerativeService.BidiGenerateContent": constrained = false
        case "GenerativeService.BidiGenerateContentConstrained" where version == .v1alpha: constrained = true
        default: return nil
        }
        self.version = version
        var credential: String?
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "key" || parts[0] == "access_token" else { continue }
                credential = Self.percentDecoded(String(parts[1]))
            }
        }
        if credential == nil, let name = HTTPField.Name("x-goog-api-key"), let key = headers[name] {
            credential = key
        }
        if credential == nil, let authorization = headers[.authorization] {
            for scheme in ["Token ", "Bearer "] where authorization.hasPrefix(scheme) {
                credential = String(authorization.dropFirst(scheme.count))
            }
        }
        self.credential = credential
    }

    /// Why the service would refuse these credentials when it requires `apiKey`, or nil to accept.
    func refusal(requiring apiKey: String?) -> CloseReason? {
        guard let apiKey else { return nil }
        guard let credential, !credential.isEmpty else { return .missingAPIKey }
        return credential == apiKey ? nil : .invalidAPIKey
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
