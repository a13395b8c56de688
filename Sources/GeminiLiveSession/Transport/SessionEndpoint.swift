import GeminiLiveProtocol

/// Where and how to connect: the WebSocket URL (never holding a secret), the service and the auth header.
public struct SessionEndpoint: Sendable, Equatable {
    /// The Gemini API host.
    public static let defaultBase = "wss://generativelanguage.googleapis.com"

    /// The URL to connect to; safe to log (the key travels in a header).
    public var url: String
    /// `ws` or `wss`.
    public var scheme: String
    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// Path and query.
    public var path: String
    /// Extra request headers: `x-goog-api-key` or `Authorization: Token ...`.
    public var headers: [(name: String, value: String)]
    /// The service whose path, auth and rules apply.
    public var backend: Backend = .geminiAPI
    /// Vertex AI's OAuth token, read before every connection and sent as `Authorization: Bearer`.
    public var accessToken: AccessTokenSource?

    /// Whether TLS is used.
    public var usesTLS: Bool { scheme == "wss" }

    /// Whether the host is this machine.
    public var isLoopback: Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    public static func == (lhs: SessionEndpoint, rhs: SessionEndpoint) -> Bool {
        lhs.url == rhs.url && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value) && lhs.backend == rhs.backend
            && lhs.accessToken == rhs.accessToken
    }

    /// The standard path for an API version; ephemeral tokens use the constrained method.
    public static func standardPath(version: String, constrained: Bool) -> String {
        let method = constrained ? "BidiGenerateContentConstrained" : "BidiGenerateContent"
        return "/ws/google.ai.generativelanguage.\(version).GenerativeService.\(method)"
    }

    /// Vertex AI's path for an API version (a slash before the method, unlike the Gemini API's).
    public static func vertexPath(version: String) -> String {
        "/ws/google.cloud.aiplatform.\(version).LlmBidiService/BidiGenerateContent"
    }

    /// The request headers with their values hidden, one `name: <redacted>` line each, for `--dry-run`: which
    /// credential goes where, never the credential (the bearer token is not even fetched).
    public var redactedHeaderLines: [String] {
        let names = headers.map(\.name) + (accessToken == nil ? [] : ["authorization"])
        return names.map { "\($0): \(SecretRedactor.marker)" }
    }

    /// Resolves `--endpoint`, `--api-version` and the key into an endpoint.
    ///
    /// A bare `ws(s)://host:port` gets the standard path; a URL with a path is used as is. A key that
    /// starts with `auth_tokens/` is an ephemeral token: `BidiGenerateContentConstrained` on v1alpha,
    /// sent as `Authorization: Token`.
    /// `source` names where `endpoint` came from in errors (`--endpoint`, or the environment variable).
    ///
    /// On Vertex AI the default host is the one serving `location`, the path is `LlmBidiService` on v1beta1
    /// (or v1), and the credential is `accessToken` (sent as a bearer token) or, in express mode, the key.
    public static func resolve(
        endpoint: String?, apiVersion: String?, key: String?, source: String = "--endpoint",
        backend: Backend = .geminiAPI, location: String = "global", accessToken: AccessTokenSource? = nil
    ) throws(SessionSetupError) -> SessionEndpoint {
        let constrained = key?.hasPrefix("auth_tokens/") ?? false
        if let apiVersion, let version = APIVersion(rawValue: apiVersion), !version.isServed(by: backend) {
            let served = APIVersion.served(by: backend).map(\.rawValue).joined(separator: ", ")
            let service = backend == .vertexAI ? "Vertex AI (--vertex)" : "the Gemini API"
            throw SessionSetupError(.usage, "--api-version \(apiVersion) is not served by \(service): use \(served)")
        }
        if constrained, backend == .vertexAI {
            throw SessionSetupError(
                .usage,
                "ephemeral tokens (auth_tokens/...) are a Gemini API feature; Vertex AI (--vertex) takes an access token (--access-token-file or --access-token-command) or an API key"
            )
        }
        if constrained, let apiVersion, apiVersion != "v1alpha" {
            throw SessionSetupError(
                .usage, "ephemeral tokens (auth_tokens/...) work only with --api-version v1alpha, not \(apiVersion)")
        }
        let version: String
        let defaultBase: String
        switch backend {
        case .geminiAPI:
            version = constrained ? "v1alpha" : (apiVersion ?? "v1")
            defaultBase = Self.defaultBase
        case .vertexAI:
            version = apiVersion ?? APIVersion.v1beta1.rawValue
            defaultBase = "wss://" + VertexHost.name(location: location)
        }
        let text = endpoint ?? defaultBase
        let parts = text.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw SessionSetupError(.usage, "\(source) '\(text)' is not a ws:// or wss:// URL")
        }
        let scheme = parts[0].lowercased()
        guard scheme == "ws" || scheme == "wss" else {
            throw SessionSetupError(.usage, "\(source) '\(text)': the scheme must be ws or wss, not \(scheme)")
        }
        let rest = parts[1]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        var path = String(rest[authorityEnd...])
        var host = authority
        var port = scheme == "wss" ? 443 : 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw SessionSetupError(.usage, "\(source) '\(text)': bad port")
            }
            port = number
        }
        guard !host.isEmpty else { throw SessionSetupError(.usage, "\(source) '\(text)': no host") }
        if path.isEmpty || path == "/" {
            path =
                backend == .vertexAI
                ? vertexPath(version: version) : standardPath(version: version, constrained: constrained)
        }
        var headers: [(name: String, value: String)] = []
        if accessToken == nil, let key, !key.isEmpty {
            headers.append(constrained ? ("authorization", "Token \(key)") : ("x-goog-api-key", key))
        }
        return SessionEndpoint(
            url: "\(scheme)://\(authority)\(path)", scheme: scheme, host: host, port: port, path: path,
            headers: headers, backend: backend, accessToken: accessToken)
    }
}
