import NIOConcurrencyHelpers
import NIOCore

/// Carries session events from other threads (input readers, tool commands, signals) to the event loop.
///
/// Events are handed to `consumer` on `loop`, in push order. One `execute` is scheduled per batch, not
/// per event: while a drain is pending, later pushes only append. The queue is bounded for the producers
/// that may flood it (input readers): they sleep on a condition while it is full and wake as soon as the
/// loop takes an event, so a slow loop slows input reading without a polling delay.
final class EventQueue: @unchecked Sendable {
    // Touched only while `room` is locked; `room`'s value says whether `items` is below `capacity`.
    private var items = CircularBuffer<SessionEvent>(initialCapacity: 64)  // a ring: a taken event is freed at once
    private var drainScheduled = false
    private let room = ConditionLock(value: true)
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
        room.lock(whenValue: true)
        append(event)
    }

    /// Adds an event without waiting (timers, end-of-stream notices, signals).
    func pushNow(_ event: SessionEvent) {
        room.lock()
        append(event)
    }

    /// Appends under the lock taken by the caller, releases it, and schedules a drain unless one is pending.
    private func append(_ event: SessionEvent) {
        items.append(event)
        let schedule = !drainScheduled
        drainScheduled = true
        room.unlock(withValue: items.count < capacity)
        if schedule { loop.execute { self.drain() } }
    }

    /// Hands every queued event to the consumer; runs on the loop.
    private func drain() {
        while true {
            room.lock()
            guard !items.isEmpty else {
                drainScheduled = false
                room.unlock(withValue: true)
                return
            }
            let event = items.removeFirst()
            room.unlock(withValue: items.count < capacity)
            consumer(event)
        }
    }
}
