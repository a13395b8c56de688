import Foundation
import GeminiLiveEmulator
import Synchronization

/// Runs an emulator in-process on a free loopback port for one test.
final class EmulatorHarness: Sendable {
    /// `ws://127.0.0.1:PORT` (or `wss://localhost:PORT`).
    let url: String
    private let task: Task<Void, any Error>

    private init(url: String, task: Task<Void, any Error>) {
        self.url = url
        self.task = task
    }

    /// Starts a server with `configuration` (its port forced to 0) and waits until it listens.
    static func start(_ configuration: EmulatorConfiguration = EmulatorConfiguration()) async throws -> EmulatorHarness
    {
        var configuration = configuration
        configuration.port = 0
        let server = try EmulatorServer(configuration: configuration)
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let task = Task {
            try await server.run { url in continuation.yield(url) }
        }
        var iterator = stream.makeAsyncIterator()
        guard let url = await iterator.next() else { throw HarnessError("server did not start") }
        return EmulatorHarness(url: url, task: task)
    }

    /// The endpoint URL for `version` with an optional query.
    func endpoint(_ version: String = "v1beta", query: String = "") -> String {
        "\(url)/ws/google.ai.generativelanguage.\(version).GenerativeService.BidiGenerateContent\(query)"
    }

    /// Stops the server.
    func stop() {
        task.cancel()
    }

    deinit { task.cancel() }
}

/// A test setup failure.
struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
