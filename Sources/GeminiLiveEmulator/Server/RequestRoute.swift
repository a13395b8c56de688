import GeminiLiveProtocol
import HTTPTypes

/// Which Live endpoint a WebSocket upgrade asks for, and with which credentials.
struct RequestRoute: Sendable, Equatable {
    /// The service whose path this is: it decides the auth rule and the reply shapes.
    var backend: Backend
    /// The API version in the path.
    var version: APIVersion
    /// Whether this is `BidiGenerateContentConstrained` (ephemeral tokens).
    var constrained: Bool
    /// The API key or token given, in whichever of the four places.
    var credential: String?
    /// Whether the credential came as `Authorization: Bearer` (an OAuth access token, Vertex AI's way).
    var bearer = false

    /// The prefix of the Gemini API's paths (`{version}.GenerativeService.{method}` follows).
    static let geminiPrefix = "/ws/google.ai.generativelanguage."
    /// The prefix of Vertex AI's paths (`{version}.LlmBidiService/BidiGenerateContent` follows).
    static let vertexPrefix = "/ws/google.cloud.aiplatform."

    /// Reads `path` (with its query) and the headers; nil for any path the services do not serve (HTTP 404).
    init?(path fullPath: String, headers: HTTPFields) {
        let pieces = fullPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        // Collapse repeated slashes: python-genai asks for //ws/...
        let path = "/" + pieces[0].split(separator: "/").joined(separator: "/")
        let backend: Backend
        let rest: Substring
        if path.hasPrefix(Self.geminiPrefix) {
            backend = .geminiAPI
            rest = path.dropFirst(Self.geminiPrefix.count)
        } else if path.hasPrefix(Self.vertexPrefix) {
            backend = .vertexAI
            rest = path.dropFirst(Self.vertexPrefix.count)
        } else {
            return nil
        }
        guard let dot = rest.firstIndex(of: ".") else { return nil }
        guard let version = APIVersion(rawValue: String(rest[..<dot])), version.isServed(by: backend) else {
            return nil
        }
        let method = rest[rest.index(after: dot)...]
        switch (backend, method) {
        case (.geminiAPI, "GenerativeService.BidiGenerateContent"): constrained = false
        case (.geminiAPI, "GenerativeService.BidiGenerateContentConstrained") where version == .v1alpha:
            constrained = true
        case (.vertexAI, "LlmBidiService/BidiGenerateContent"): constrained = false
        default: return nil
        }
        self.backend = backend
        self.version = version
        var credential: String?
        if pieces.count == 2, backend == .geminiAPI {
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
            // Vertex AI takes only OAuth bearer tokens there; the Gemini API also ephemeral `Token`s.
            let schemes = backend == .vertexAI ? ["Bearer "] : ["Token ", "Bearer "]
            for scheme in schemes where authorization.hasPrefix(scheme) {
                credential = String(authorization.dropFirst(scheme.count))
                bearer = scheme == "Bearer "
            }
        }
        self.credential = credential
    }

    /// Whether the upgrade is refused before any WebSocket exists, with HTTP 401 as Vertex AI does: a Vertex
    /// path with neither a bearer token nor an API key (express mode). The Gemini API upgrades and then closes.
    var isUnauthorized: Bool {
        backend == .vertexAI && (credential ?? "").isEmpty
    }

    /// Why the service would refuse these credentials when it requires `apiKey`, or nil to accept.
    ///
    /// An OAuth token on Vertex AI is accepted whatever it is: the emulator cannot ask Google about it, and
    /// `--api-key` names a key, not a token.
    func refusal(requiring apiKey: String?) -> CloseReason? {
        guard let apiKey, !(backend == .vertexAI && bearer) else { return nil }
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
