/// Holds messages back so media plays out at wall-clock speed, like a microphone.
///
/// Media time runs across all inputs of a run. A chunk covering media time [t, t + d) is
/// released at `start + (t + d) / speed`: a microphone delivers a chunk once it is recorded.
public struct Pacer {
    private let clock: any PacingClock
    private let speed: Double
    private var start: Double?

    /// `speed` is media seconds per wall-clock second; 1 is real time.
    public init(clock: any PacingClock, speed: Double) {
        precondition(speed > 0)
        self.clock = clock
        self.speed = speed
    }

    /// Waits until media time `seconds` is due. The first call starts the clock.
    public mutating func wait(untilMediaTime seconds: Double) {
        let origin: Double
        if let start {
            origin = start
        } else {
            origin = clock.now()
            start = origin
        }
        clock.sleep(until: origin + seconds / speed)
    }
}
