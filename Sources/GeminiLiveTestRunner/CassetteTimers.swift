import GeminiLiveProtocol
import GeminiLiveRegression

/// The timers of a replayed attempt, fired in the cassette's time: a barge-in's `delay_ms` or a reply timeout
/// does not wait on the wall clock while the emulator, replaying as fast as the client goes, has nothing more
/// to send.
///
/// The runner tells it of every server frame read and client frame written; the clock follows the recorded
/// times of those frames. A timer is due once the clock reaches its deadline, or sooner in real time but not
/// in the cassette's: when the replay is waiting for the client, that is, every server frame the recording
/// had before the client's next frame has been read and no tool command runs. Then the recorded client did
/// its next thing on a timer, and the clock jumps to the earliest deadline.
///
/// Frames are counted, not matched: the emulator checks what they hold. A client that sends more frames than
/// were recorded only delays the jump; the runner's wall-clock timers stay as the upper bound.
struct CassetteTimers: Sendable {
    let clock: CassetteClock
    /// The recorded time of each server message frame, in order.
    private let serverTimes: [Int]
    /// The recorded time of each client message frame (the setup first), in order.
    private let clientTimes: [Int]
    /// For each client message frame, how many server message frames the recording had before it.
    private let serverFramesBefore: [Int]
    private var received = 0
    private var sent = 0
    /// Tool commands started and not finished: the client's next frame may be their answer.
    var toolCommands = 0
    private var pending: [(timer: AttemptTimer, deadline: Int)] = []

    /// The timeline of `recording`, whose frames the emulator replays.
    init(_ recording: FrameRecording, clock: CassetteClock) {
        self.clock = clock
        var serverTimes: [Int] = []
        var clientTimes: [Int] = []
        var serverFramesBefore: [Int] = []
        for frame in recording.frames where frame.message != nil {
            switch frame.direction {
            case .server:
                serverTimes.append(frame.time)
            case .client:
                clientTimes.append(frame.time)
                serverFramesBefore.append(serverTimes.count)
            }
        }
        self.serverTimes = serverTimes
        self.clientTimes = clientTimes
        self.serverFramesBefore = serverFramesBefore
    }

    /// A server message frame was read: the clock moves to its recorded time.
    mutating func serverFrameRead() {
        if received < serverTimes.count { clock.advance(to: serverTimes[received]) }
        received += 1
    }

    /// A client message frame (the setup included) was written.
    mutating func clientFrameWritten() {
        if sent < clientTimes.count { clock.advance(to: clientTimes[sent]) }
        sent += 1
    }

    /// Starts `timer`, `delay` from now in the cassette's time.
    mutating func start(_ timer: AttemptTimer, after delay: Duration) {
        // One reply timeout is live at a time (the machine ignores older generations): an old one left here
        // would move the clock to its deadline for nothing.
        if timer.kind == .replyTimeout { pending.removeAll { $0.timer.kind == .replyTimeout } }
        pending.append((timer, clock.now.micros + CassetteClock.micros(delay)))
    }

    /// Whether the recording's next event is the client's: every server frame before it has been read.
    var waitingForClient: Bool {
        guard toolCommands == 0 else { return false }
        let expected = sent < serverFramesBefore.count ? serverFramesBefore[sent] : serverTimes.count
        return received >= expected
    }

    /// The next timer to fire, earliest deadline first, with the clock moved to its deadline; nil while none
    /// is due.
    mutating func nextDue() -> AttemptTimer? {
        guard let earliest = pending.indices.min(by: { pending[$0].deadline < pending[$1].deadline }) else {
            return nil
        }
        let (timer, deadline) = pending[earliest]
        guard deadline <= clock.now.micros || waitingForClient else { return nil }
        pending.remove(at: earliest)
        clock.advance(to: deadline)
        return timer
    }
}
