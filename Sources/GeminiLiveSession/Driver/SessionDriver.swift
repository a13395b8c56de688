import GeminiLiveProtocol
import NIOPosix

/// Runs a session for real: the settings, and a `SessionReactor` on the socket's event loop that feeds
/// the state machine events from the inputs, the socket and timers and carries out its actions.
public struct SessionDriver: Sendable {
    /// The session's rules.
    public var policy: SessionPolicy
    /// Where to connect.
    public var endpoint: SessionEndpoint
    /// A PEM root certificate to trust (`--ca-file`).
    public var caFile: String?
    /// Where client messages come from.
    public var inputs: [InputSource]
    /// How input lines are checked.
    public var validator = InputValidator()
    /// End at the first bad line instead of skipping it.
    public var strict = false
    /// The setup a `setup` input line stands for: by default the line itself; `gemini-live-session` lays its
    /// flags over it (`SetupLayering`).
    public var layered: @Sendable (Setup) -> Setup = { $0 }
    /// Writes every frame to a cassette (`--record`).
    public var recorder: SessionRecorder?
    /// Answers tool calls with a command (`--on-tool-call`).
    public var toolCommand: ToolCallCommand?
    /// Stops the session from outside (signals).
    public var control: SessionControl?
    /// Client messages from a program rather than from `inputs`; with a feed, no input ends the session.
    public var feed: SessionFeed?
    /// Sees every server message and every end of a connection, on the session's event loop, before the
    /// state machine does; it must return quickly.
    public var observer: (@Sendable (SessionEvent) -> Void)?
    /// Writes every server message to stdout, as `gemini-live-session` does; off for a program that reads
    /// them through `observer`.
    public var relaysToStdout = true
    /// Prints a message on stderr; `important` ones always, the rest with `-v`.
    public var report: @Sendable (String, _ important: Bool) -> Void

    /// Creates a driver.
    public init(
        policy: SessionPolicy, endpoint: SessionEndpoint, inputs: [InputSource],
        report: @escaping @Sendable (String, _ important: Bool) -> Void
    ) {
        self.policy = policy
        self.endpoint = endpoint
        self.inputs = inputs
        self.report = report
    }

    /// How input lines are taken, checked against this session's setup.
    var intake: InputIntake {
        var checked = validator
        checked.serverDetectsActivity = InputValidator.serverDetectsActivity(policy.setup)
        return InputIntake(validator: checked, strict: strict, layered: layered)
    }

    /// The policy the machine runs: with tool commands when there is a command to run.
    var machinePolicy: SessionPolicy {
        var policy = self.policy
        policy.runsToolCommands = toolCommand != nil
        return policy
    }

    /// Runs the session to its end: connects at once, and reads the inputs meanwhile.
    public func run() async -> SessionOutcome {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let transport: SocketTransport
        do {
            transport = try SocketTransport(
                endpoint: endpoint, caFile: caFile, connectTimeout: policy.connectTimeout, loop: loop)
        } catch {
            return SessionOutcome(error.category, error.message)
        }
        let finished = loop.makePromise(of: SessionOutcome.self)
        let reactor = SessionReactor(driver: self, transport: transport, finished: finished)
        loop.execute { reactor.start() }
        do {
            return try await finished.futureResult.get()
        } catch {
            return SessionOutcome(.unavailable, "the session's event loop stopped: \(error)")
        }
    }
}
