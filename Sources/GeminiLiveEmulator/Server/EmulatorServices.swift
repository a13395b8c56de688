import GeminiLiveProtocol
import Synchronization

/// What all connections share: the configuration, the frame log, the resumption store and the connection count.
final class EmulatorServices: Sendable {
    let configuration: EmulatorConfiguration
    let log: FrameLog?
    let store: ResumptionStore
    /// The recordings to answer from (`--replay`), instead of the emulated model.
    let replay: ReplayLibrary?
    private let counter = Synchronization.Mutex(0)

    init(configuration: EmulatorConfiguration) throws(EmulatorError) {
        self.configuration = configuration
        log = try configuration.logPath.map { path throws(EmulatorError) in
            try FrameLog(path: path, version: configuration.version)
        }
        store = ResumptionStore(ttl: configuration.handleTTL)
        if let (recording, source) = configuration.replayRecording {
            replay = try ReplayLibrary(recording: recording, source: source, speed: configuration.replaySpeed)
        } else {
            replay = try configuration.replayPath.map { path throws(EmulatorError) in
                try ReplayLibrary(path: path, speed: configuration.replaySpeed)
            }
        }
    }

    /// The next 1-based connection number.
    func nextConnectionNumber() -> Int {
        counter.withLock { count in
            count += 1
            return count
        }
    }

    /// The state machine's options for connection `number` on API version `version` of `backend`.
    func sessionOptions(connection number: Int, version: String, backend: Backend = .geminiAPI) -> SessionOptions {
        var options = SessionOptions()
        options.backend = backend
        options.catalogue = configuration.catalogue
        options.apiVersion = version
        options.connectionLifetime = configuration.connectionLifetime
        options.goAwayLead = configuration.goAwayLead
        if number == 1 || configuration.faultEveryConnection {
            options.dropAfter = configuration.dropAfter
            options.failAfter = configuration.failAfter
        }
        options.consumedIndex = configuration.consumedIndex
        return options
    }
}
