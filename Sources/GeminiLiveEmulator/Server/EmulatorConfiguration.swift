import GeminiLiveProtocol

/// Everything the emulator is told on its command line.
public struct EmulatorConfiguration: Sendable {
    /// The address to bind.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port = 0
    /// PEM certificate chain and key for wss://, if both are set.
    public var tlsCertificatePath: String?
    /// PEM private key for wss://.
    public var tlsKeyPath: String?
    /// When set, only this key (or token) is accepted.
    public var apiKey: String?
    /// Seconds a connection lives before the "Deadline expired" close.
    public var connectionLifetime: Double = 600
    /// Seconds before that close at which `goAway` is sent (capped to half the lifetime).
    public var goAwayLead: Double = 60
    /// Drop the TCP connection after this many client messages (setup excluded).
    public var dropAfter: Int?
    /// Close with 1011 after this many client messages (setup excluded).
    public var failAfter: Int?
    /// Apply `dropAfter`/`failAfter` to every connection, not only the first.
    public var faultEveryConnection = false
    /// Seconds a reply waits before it starts.
    public var stall: Double = 0
    /// Seconds each pong is held back.
    public var slowPongs: Double = 0
    /// Seconds a resumption handle stays valid.
    public var handleTTL: Double = 7200
    /// Add `lastConsumedClientMessageIndex` to resumption updates.
    public var consumedIndex = false
    /// Where to write the frame log, if anywhere.
    public var logPath: String?
    /// The emulator's version, for the `tool` of the log's header.
    public var version: String?
    /// Scripted behaviour, if any.
    public var script: EmulatorScript?
    /// The models served.
    public var catalogue: ModelCatalogue = .standard
    /// A cassette, or a directory with `*.ndjson` cassettes in it or below, to replay instead of emulating a model:
    /// each connection takes the first unused recorded connection whose setup matches its own (path order), then
    /// used ones again.
    public var replayPath: String?
    /// A cassette already read, with the path it came from, to replay instead of `replayPath`'s.
    public var replayRecording: (recording: FrameRecording, source: String)?
    /// Recorded delays are divided by this; 0 sends each recorded frame as soon as the client has reached it.
    public var replaySpeed: Double = 1
    /// Told the whole story when a replayed client diverges, just before the 1011 close (whose reason is short);
    /// the command prints it on stderr.
    public var replayDivergenceHandler: (@Sendable (ReplayDivergence) -> Void)?

    /// Creates the default configuration.
    public init() {}

    /// Creates a configuration from the command line's values; every one left out keeps its default.
    public init(
        host: String = "127.0.0.1", port: Int = 0, tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil,
        apiKey: String? = nil, connectionLifetime: Double = 600, goAwayLead: Double = 60, dropAfter: Int? = nil,
        failAfter: Int? = nil, faultEveryConnection: Bool = false, stall: Double = 0, slowPongs: Double = 0,
        handleTTL: Double = 7200, consumedIndex: Bool = false, logPath: String? = nil, script: EmulatorScript? = nil,
        replayPath: String? = nil, replaySpeed: Double = 1
    ) {
        self.host = host
        self.port = port
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.apiKey = apiKey
        self.connectionLifetime = connectionLifetime
        self.goAwayLead = goAwayLead
        self.dropAfter = dropAfter
        self.failAfter = failAfter
        self.faultEveryConnection = faultEveryConnection
        self.stall = stall
        self.slowPongs = slowPongs
        self.handleTTL = handleTTL
        self.consumedIndex = consumedIndex
        self.logPath = logPath
        self.script = script
        self.replayPath = replayPath
        self.replaySpeed = replaySpeed
    }

    /// Whether the server speaks TLS.
    public var usesTLS: Bool { tlsCertificatePath != nil && tlsKeyPath != nil }
}
