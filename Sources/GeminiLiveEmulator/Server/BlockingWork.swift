import Dispatch

/// Runs slow synchronous C work (speech synthesis and recognition) on a Dispatch thread,
/// so it never blocks Swift's cooperative thread pool or a NIO event loop.
enum BlockingWork {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
