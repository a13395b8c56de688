/// Decides which video frames to keep so at most `framesPerSecond` reach the service.
///
/// With the source's frame rate known, frames are kept by index (deterministic for files).
/// Without it, the stream is taken to be live and frames are kept by arrival time, with a
/// quarter-period allowance so a 1 fps camera whose frames arrive slightly early is not halved.
public struct FrameThinner {
    private let framesPerSecond: Double
    private let sourceFramesPerSecond: Double?
    private let clock: any PacingClock
    private var index = 0
    private var nextDue: Double?

    /// `framesPerSecond` 0 keeps every frame.
    public init(framesPerSecond: Double, sourceFramesPerSecond: Double?, clock: any PacingClock) {
        self.framesPerSecond = framesPerSecond
        self.sourceFramesPerSecond = sourceFramesPerSecond
        self.clock = clock
    }

    /// Whether the next frame is kept.
    public mutating func keepNext() -> Bool {
        defer { index += 1 }
        guard framesPerSecond > 0 else { return true }
        if let source = sourceFramesPerSecond, source > 0 {
            if framesPerSecond >= source { return true }
            // Keep frame i when it is the first to fall into a new output slot.
            let slot = (Double(index) * framesPerSecond / source).rounded(.down)
            let previous = index == 0 ? -1 : (Double(index - 1) * framesPerSecond / source).rounded(.down)
            return slot != previous
        }
        let period = 1 / framesPerSecond
        let now = clock.now()
        guard let due = nextDue else {
            nextDue = now + period
            return true
        }
        guard now >= due - period / 4 else { return false }
        // Schedule from the due time, not from now, so jitter does not drift the rate down;
        // but never let a long pause bank a burst of frames.
        nextDue = max(due + period, now + period / 2)
        return true
    }
}
