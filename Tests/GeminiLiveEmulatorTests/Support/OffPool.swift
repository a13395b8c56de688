import Dispatch

/// Runs blocking test work (child processes, pipe reads) on a Dispatch thread.
///
/// The in-process emulator runs its WebSocket handlers on Swift's cooperative pool, which has one
/// thread per core; a test that blocked a pool thread while other suites run in parallel could starve it.
enum OffPool {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
