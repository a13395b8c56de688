#if canImport(Glibc)
    import Glibc
#endif

/// Starts a plain POSIX thread for blocking or long synchronous work (reading a pipe, waiting for a
/// child process, speech synthesis and recognition), for every module and the tests.
///
/// Such work must stay off Dispatch's global queues and Swift's cooperative pool: on a small machine a
/// couple of blocked workers make Dispatch wait about a second before it adds threads, and the pool has
/// one thread per core, so either stalls every async task. Dispatch-global is for short CPU work only.
package enum BlockingThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `work` on a thread of its own and resumes the caller with its result.
    package static func run<Value: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            start { continuation.resume(returning: Result { () throws(Failure) in try work() }) }
        }
        return try result.get()
    }

    /// Runs `body` on a new detached thread, or here and now if no thread can be created.
    package static func start(_ body: @escaping @Sendable () -> Void) {
        if !tryStart(body) { body() }
    }

    /// Runs `body` on a new detached thread; false (and `body` never runs) if no thread can be created.
    package static func tryStart(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { argument in
                let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
