import ArgumentParser
import GeminiLiveCLI
import GeminiLiveProtocol
import GeminiLiveSession

/// The flags that say where and how to connect, and how hard to try; shared by every tool that opens a session.
public struct SessionConnectionFlags: ParsableArguments {
    @Option(
        help:
            "WebSocket URL (ws:// or wss://); a bare ws(s)://host:port gets the standard path (default: $GEMINI_LIVE_ENDPOINT, else Google's service)."
    )
    var endpoint: String?

    @Option(
        name: .customLong("api-version"),
        help: "API version in the standard path: v1, v1beta or v1alpha; with --vertex, v1beta1 (default) or v1.")
    var apiVersion: APIVersion?

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

    /// Creates the option group; ArgumentParser fills it in.
    public init() {}

    public func validate() throws {
        try SecondsOption.check(connectTimeout, "--connect-timeout", zeroAllowed: false)
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more.") }
        try SecondsOption.check(pingInterval, "--ping-interval", zeroAllowed: true)
    }

    /// Where to connect and with which key, on the library's request.
    public func apply(to request: inout SessionRequest) {
        request.endpoint = endpoint
        request.apiVersion = apiVersion
        request.apiKeyFile = apiKeyFile
    }

    /// The connection limits, on the resolved configuration.
    public func apply(to driver: inout SessionDriver) {
        apply(to: &driver.policy)
        driver.caFile = caFile
    }

    /// The connection limits, on a policy (a program that runs its own sessions, like gemini-live-test).
    public func apply(to policy: inout SessionPolicy) {
        policy.connectTimeout = .seconds(connectTimeout)
        policy.maxRetries = retries
        policy.pingInterval = pingInterval > 0 ? .seconds(pingInterval) : nil
    }

    /// `--ca-file`, if given.
    public var trustedCertificate: String? { caFile }
}
