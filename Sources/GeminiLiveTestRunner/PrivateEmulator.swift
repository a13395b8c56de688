import GeminiLiveEmulator
import GeminiLiveSystem
import Synchronization

/// An emulator served from this process on a free loopback port, for `--emulator` (one for the whole run)
/// and for replay (one per cassette): no other process to start, find or kill.
public final class PrivateEmulator: Sendable {
    /// `ws://127.0.0.1:PORT`, where it listens.
    public let url: String
    private let task: Task<Void, Never>

    private init(url: String, task: Task<Void, Never>) {
        self.url = url
        self.task = task
    }

    /// Starts an emulator with `configuration` (its port is replaced by a free one) and returns once it listens.
    public static func start(_ configuration: EmulatorConfiguration) async throws(ToolError) -> PrivateEmulator {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let server: EmulatorServer
        do {
            server = try EmulatorServer(configuration: configuration)
        } catch {
            throw ToolError(error)
        }
        let (listening, continuation) = AsyncStream<Result<String, ToolError>>.makeStream()
        let task = Task {
            do {
                try await server.run { url in continuation.yield(.success(url)) }
            } catch {
                continuation.yield(.failure(ToolError(category: .unavailable, description: "emulator: \(error)")))
            }
            continuation.finish()
        }
        for await result in listening {
            switch result {
            case .success(let url): return PrivateEmulator(url: url, task: task)
            case .failure(let error): throw error
            }
        }
        throw ToolError(category: .unavailable, description: "emulator: stopped before listening")
    }

    /// Stops serving; connections still open are dropped.
    public func stop() {
        task.cancel()
    }
}
