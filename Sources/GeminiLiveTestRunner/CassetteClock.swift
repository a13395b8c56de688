import Synchronization

/// The clock of a replayed attempt: it reads the cassette's time (microseconds since the recording began), set
/// by the runner as the replay passes the recorded frames, so the attempt's moments and timers (a barge-in's
/// `delay_ms`, the reply timeout) are measured as they were when the cassette was recorded, not on the wall.
///
/// Nothing sleeps on it: the runner fires the attempt's timers itself when the cassette reaches them
/// (`CassetteTimers`), so `sleep` only ends at cancellation.
final class CassetteClock: Clock, Sendable {
    /// A point in the cassette's time.
    struct Instant: InstantProtocol {
        /// Microseconds since the recording began.
        var micros: Int

        func advanced(by duration: Duration) -> Instant { Instant(micros: micros + CassetteClock.micros(duration)) }
        func duration(to other: Instant) -> Duration { .microseconds(other.micros - micros) }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.micros < rhs.micros }
    }

    private let current = Mutex(Instant(micros: 0))

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .microseconds(1) }

    /// Moves the clock forward to `micros`; never back (frames of a re-chunked stream may come in a new order).
    func advance(to micros: Int) {
        current.withLock { $0.micros = max($0.micros, micros) }
    }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        // The cassette's time moves only as the runner moves it; a sleeper would wait on the runner it blocks.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// A duration in whole microseconds, rounded toward zero.
    static func micros(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    }
}
