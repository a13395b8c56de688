import NIOConcurrencyHelpers
import NIOCore
import Synchronization

/// Carries session events from other threads (input readers, tool commands, signals) to the event loop.
///
/// Events are handed to `consumer` on `loop`, in push order. One `execute` is scheduled per batch, not
/// per event: while a drain is pending, later pushes only append. The queue is bounded for the producers
/// that may flood it (input readers): they sleep on a condition while it is full and wake as soon as the
/// loop takes an event, so a slow loop slows input reading without a polling delay.
final class EventQueue: Sendable {
    private struct Pending {
        var items = CircularBuffer<SessionEvent>(initialCapacity: 64)  // a ring: a taken event is freed at once
        var drainScheduled = false
    }

    /// Held around every use of `pending`; its value says whether there is room below `capacity`, which
    /// is what a blocked producer waits for. `Mutex` has no condition to wait on, so it cannot be the lock.
    private let room = ConditionLock(value: true)
    /// Only ever taken inside `room`, so never contended: it is there so that the compiler checks the sharing.
    private let pending = Mutex(Pending())
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

    /// Appends under `room`, taken by the caller, releases it, and schedules a drain unless one is pending.
    private func append(_ event: SessionEvent) {
        let (schedule, hasRoom) = pending.withLock { pending in
            pending.items.append(event)
            defer { pending.drainScheduled = true }
            return (!pending.drainScheduled, pending.items.count < capacity)
        }
        room.unlock(withValue: hasRoom)
        if schedule { loop.execute { self.drain() } }
    }

    /// Hands every queued event to the consumer; runs on the loop.
    private func drain() {
        while true {
            room.lock()
            let (event, hasRoom) = pending.withLock { pending -> (SessionEvent?, Bool) in
                guard let event = pending.items.popFirst() else {
                    pending.drainScheduled = false
                    return (nil, true)
                }
                return (event, pending.items.count < capacity)
            }
            room.unlock(withValue: hasRoom)
            guard let event else { return }
            consumer(event)
        }
    }
}
