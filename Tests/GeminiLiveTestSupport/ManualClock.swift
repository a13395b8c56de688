import Synchronization

/// A clock that moves only when a test advances it: the state machines' timing (keepalive, resumption, reply
/// timeouts, barge-in delays, replay release times) is checked without waiting.
public final class ManualClock: Clock, Sendable {
    /// A point on the manual clock: its distance from the start.
    public struct Instant: InstantProtocol {
        /// How far from the start.
        public var offset: Duration

        /// An instant `offset` from the start.
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    /// A clock at its start.
    public init() {}

    public var now: Instant { current.withLock { $0 } }
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock on.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// Returns at once: nothing here waits for the clock; tests advance it and feed the timers' events.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}
