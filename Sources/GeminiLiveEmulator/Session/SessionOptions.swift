import GeminiLiveProtocol

/// The per-connection settings the state machine needs (from the command line and the request).
public struct SessionOptions: Sendable {
    /// The service this connection speaks for, from its request path: its wire dialect shapes every message
    /// (`WireDialect.of(_:)`) and its rules apply (model names, auth, id-less tool answers).
    public var backend: Backend = .geminiAPI
    /// The models served.
    public var catalogue: ModelCatalogue = .standard
    /// `v1`, `v1beta` or `v1alpha`, from the request path (used in the unknown-model reason).
    public var apiVersion = "v1beta"
    /// Seconds until the connection is closed with "Deadline expired".
    public var connectionLifetime: Double = 600
    /// Seconds before that close at which `goAway` is sent (capped to half the lifetime).
    public var goAwayLead: Double = 60
    /// Drop the TCP connection after this many client messages (setup excluded), if set.
    public var dropAfter: Int?
    /// Close with 1011 "Internal error occurred." after this many client messages, if set.
    public var failAfter: Int?
    /// Add `lastConsumedClientMessageIndex` to resumption updates.
    public var consumedIndex = false
    /// Makes resumption handles (a UUID by default).
    public var makeHandle: @Sendable () -> String = { Handle.random() }

    /// Creates default options.
    public init() {}

    /// The lead actually used: at most half the lifetime.
    var effectiveGoAwayLead: Double { min(goAwayLead, connectionLifetime / 2) }
}
