import ArgumentParser
import GeminiLiveCLI
import GeminiLiveSession

#if canImport(Glibc)
    import Glibc
#endif

/// The flags that say where and how to connect, and how hard to try.
struct SessionConnectionFlags: ParsableArguments {
    @Option(help: "WebSocket URL (ws:// or wss://); a bare ws(s)://host:port gets the standard path.")
    var endpoint: String?

    @Option(name: .customLong("api-version"), help: "API version in the standard path: v1, v1beta or v1alpha.")
    var apiVersion: String?

    @Option(
        name: .customLong("api-key-file"),
        help: "Read the API key (or auth_tokens/ token) from this file instead of $GOOGLE_API_KEY / $GEMINI_API_KEY.")
    var apiKeyFile: String?

    @Option(
        name: .customLong("ca-file"),
        help: "Trust this PEM root certificate as well (e.g. the emulator's); verification stays on.")
    var caFile: String?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed for connecting plus setupComplete.")
    var connectTimeout: Double = 15

    @Option(help: "Reconnection attempts in a row before giving up (exit 69, or 75 after timeouts).")
    var retries: Int = 5

    @Option(
        name: .customLong("ping-interval"),
        help: "Seconds between keepalive pings; a pong may take this long (0 = no pings).")
    var pingInterval: Double = 45

    func validate() throws {
        if let apiVersion, !["v1", "v1beta", "v1alpha"].contains(apiVersion) {
            throw ValidationError("--api-version must be v1, v1beta or v1alpha.")
        }
        try SecondsOption.check(connectTimeout, "--connect-timeout", zeroAllowed: false)
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more.") }
        try SecondsOption.check(pingInterval, "--ping-interval", zeroAllowed: true)
    }

    var pingDuration: Duration? {
        pingInterval > 0 ? .seconds(pingInterval) : nil
    }

    /// The endpoint with its auth header; a Google endpoint without a key is an error (77).
    func endpoint(googleDefault: Bool) throws(SessionSetupError) -> SessionEndpoint {
        var environment: [String: String] = [:]
        for name in ["GOOGLE_API_KEY", "GEMINI_API_KEY"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let key = try SetupFiles.apiKey(file: apiKeyFile, environment: environment)
        let resolved = try SessionEndpoint.resolve(endpoint: endpoint, apiVersion: apiVersion, key: key)
        if key == nil, resolved.host.hasSuffix("googleapis.com") {
            throw SessionSetupError(
                .permission, "no API key: set GEMINI_API_KEY (or GOOGLE_API_KEY), or give --api-key-file FILE")
        }
        return resolved
    }

    func apply(to policy: inout SessionPolicy) {
        policy.connectTimeout = .seconds(connectTimeout)
        policy.maxRetries = retries
    }
}
