import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Carries session events from other threads (input readers, tool commands, signals) to the event loop.
///
/// Events are handed to `consumer` on `loop`, in push order. One `execute` is scheduled per batch, not
/// per event: while a drain is pending, later pushes only append. The queue is bounded for the producers
/// that may flood it (input readers): they block while it is full, so a slow loop slows input reading.
final class EventQueue: Sendable {
    private struct State {
        // A ring, so an event's frame is freed as soon as it is taken.
        var items = CircularBuffer<SessionEvent>(initialCapacity: 64)
        var drainScheduled = false
    }

    private let state = Mutex(State())
    private let capacity: Int
    private let loop: any EventLoop
    private let consumer: @Sendable (SessionEvent) -> Void

    /// Creates a queue whose events go to `consumer`, always called on `loop`.
    init(loop: any EventLoop, capacity: Int = 64, consumer: @escaping @Sendable (SessionEvent) -> Void) {
        self.loop = loop
        self.capacity = capacity
        self.consumer = consumer
    }

    /// Adds an event from a plain thread, blocking it while the queue is full.
    func pushBlocking(_ event: SessionEvent) {
        while state.withLock({ $0.items.count >= capacity }) { usleep(500) }
        pushNow(event)
    }

    /// Adds an event without waiting (timers, end-of-stream notices, signals).
    func pushNow(_ event: SessionEvent) {
        let schedule = state.withLock { state -> Bool in
            state.items.append(event)
            if state.drainScheduled { return false }
            state.drainScheduled = true
            return true
        }
        if schedule { loop.execute { self.drain() } }
    }

    /// Hands every queued event to the consumer; runs on the loop.
    private func drain() {
        while true {
            let event = state.withLock { state -> SessionEvent? in
                guard !state.items.isEmpty else {
                    state.drainScheduled = false
                    return nil
                }
                return state.items.removeFirst()
            }
            guard let event else { return }
            consumer(event)
        }
    }
}
