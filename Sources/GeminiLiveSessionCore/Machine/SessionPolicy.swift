import GeminiLiveProtocol

/// The knobs of a session: its setup, resumption, retries, buffering and when to stop.
public struct SessionPolicy: Sendable {
    /// The setup sent on every connection (a resumption handle is filled in per connection).
    public var setup: Setup
    /// Ask for resumption handles and resume after goAway, drops and 1011s.
    public var resumption: Bool = true
    /// A handle to resume from on the first connection (`--resume`).
    public var initialHandle: String?
    /// Bound on connecting plus waiting for `setupComplete`.
    public var connectTimeout: Duration = .seconds(15)
    /// Longest wait for a fresh handle after `goAway` (also capped by the goAway's own time left).
    public var handleWait: Duration = .seconds(10)
    /// Reconnection attempts in a row that may fail before giving up.
    public var maxRetries: Int = 5
    /// First backoff; doubles per failure in a row.
    public var backoffBase: Duration = .milliseconds(250)
    /// Longest backoff.
    public var backoffMax: Duration = .seconds(8)
    /// Without `lastConsumedClientMessageIndex`, a new handle is taken to cover only the messages sent at least
    /// this long before it arrived; later ones are re-sent on resumption (and may repeat).
    public var inFlightMargin: Duration = .seconds(2)
    /// Bytes of client messages kept for re-sending (not yet covered by a handle). 16 MiB holds about six
    /// minutes of 16 kHz audio messages and keeps a full-speed upload of an hour of audio near 40 MiB of RSS.
    public var bufferLimit: Int = 16 << 20
    /// After the end of input: this much server silence ends the session; nil waits for `turnComplete` only.
    public var idleTimeout: Duration? = .seconds(30)
    /// Exit after this many completed turns.
    public var turns: Int?
    /// How long to wait for the server to answer our close frame.
    public var closeTimeout: Duration = .seconds(3)
    /// Keepalive ping period on an open connection; nil sends no pings.
    public var pingInterval: Duration? = .seconds(45)
    /// How long a pong may take before the connection counts as dropped; nil waits one `pingInterval` (the
    /// service's pongs take up to 30 s).
    public var pongTimeout: Duration?
    /// Answer tool calls by running the `--on-tool-call` command (`.runToolCommand` actions).
    public var runsToolCommands = false

    /// Creates a policy with defaults.
    public init(setup: Setup) {
        self.setup = setup
    }

    /// `setup` as one connection sends it: with `sessionResumption` (and the handle) when resumption is on.
    func setupFrame(_ setup: Setup, handle: String?) -> [UInt8] {
        var setup = setup
        if resumption {
            var config = setup.sessionResumption ?? SessionResumptionConfig()
            config.handle = handle
            setup.sessionResumption = config
        }
        return ClientMessage(.setup(setup)).compactBytes
    }
}
