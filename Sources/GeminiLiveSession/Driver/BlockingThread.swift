#if canImport(Glibc)
    import Glibc
#endif

/// Starts a plain POSIX thread for blocking work (reading a pipe, waiting for a child process).
///
/// Blocking calls must stay off Dispatch's global queues: on a small machine a couple of blocked
/// workers make Dispatch wait about a second before it adds threads, which stalls every async task.
enum BlockingThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread, or here and now if no thread can be created.
    static func start(_ body: @escaping @Sendable () -> Void) {
        if !tryStart(body) { body() }
    }

    /// Runs `body` on a new detached thread; false (and `body` never runs) if no thread can be created.
    static func tryStart(_ body: @escaping @Sendable () -> Void) -> Bool {
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
