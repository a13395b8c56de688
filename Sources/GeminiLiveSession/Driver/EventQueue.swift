import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The driver's inbox: a bounded multi-producer, single-consumer queue of session events.
///
/// Producers that may flood it (the socket reader, the input readers) wait while it is full, so a slow
/// stdout slows the socket read and a slow service slows input reading. Timers never wait.
final class EventQueue: Sendable {
    private struct State {
        // A ring, so an event's frame is freed as soon as it is taken.
        var items = CircularBuffer<SessionEvent>(initialCapacity: 64)
        var consumer: CheckedContinuation<SessionEvent, Never>?
        var producers: [CheckedContinuation<Void, Never>] = []
        var count: Int { items.count }
    }

    private let state = Mutex(State())
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// Adds an event, waiting while the queue is full.
    func push(_ event: SessionEvent) async {
        while true {
            let full = state.withLock { $0.count >= capacity }
            if !full { break }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.count < capacity { return true }
                    state.producers.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
        pushNow(event)
    }

    /// Adds an event from a plain thread, blocking it while the queue is full.
    func pushBlocking(_ event: SessionEvent) {
        while state.withLock({ $0.count >= capacity }) { usleep(500) }
        pushNow(event)
    }

    /// Adds an event without waiting (timers, end-of-stream notices).
    func pushNow(_ event: SessionEvent) {
        let consumer = state.withLock { state -> CheckedContinuation<SessionEvent, Never>? in
            if let consumer = state.consumer {
                state.consumer = nil
                return consumer
            }
            state.items.append(event)
            return nil
        }
        consumer?.resume(returning: event)
    }

    /// The next event, waiting for one.
    func next() async -> SessionEvent {
        await withCheckedContinuation { (continuation: CheckedContinuation<SessionEvent, Never>) in
            let (event, producer) = state.withLock { state -> (SessionEvent?, CheckedContinuation<Void, Never>?) in
                guard state.count > 0 else {
                    state.consumer = continuation
                    return (nil, nil)
                }
                let event = state.items.removeFirst()
                let producer = state.producers.isEmpty ? nil : state.producers.removeFirst()
                return (event, producer)
            }
            producer?.resume()
            if let event { continuation.resume(returning: event) }
        }
    }
}
