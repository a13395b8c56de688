#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Time as the pacer sees it: injected so tests can pace without sleeping.
public protocol PacingClock: AnyObject {
    /// Seconds on a monotonic scale.
    func now() -> Double
    /// Blocks until `now() >= deadline`.
    func sleep(until deadline: Double)
}

/// The real monotonic clock.
public final class MonotonicClock: PacingClock {
    /// Creates the clock.
    public init() {}

    /// CLOCK_MONOTONIC in seconds.
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// nanosleep until the deadline, resuming after signals.
    public func sleep(until deadline: Double) {
        while true {
            let remaining = deadline - now()
            if remaining <= 0 { return }
            var request = timespec(tv_sec: Int(remaining), tv_nsec: Int((remaining - Double(Int(remaining))) * 1e9))
            var left = timespec()
            _ = nanosleep(&request, &left)
        }
    }
}
