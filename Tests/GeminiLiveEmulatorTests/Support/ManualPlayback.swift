import GeminiLiveProtocol

@testable import GeminiLiveEmulator

/// Carries out a `ReplyPlayer`'s actions as `ConnectionDriver` does, on a hand-advanced clock: no sockets,
/// no threads, no sleeps. Time jumps straight to the next timer, so release times are exact.
struct ManualPlayback {
    var player: ReplyPlayer
    /// The clock's origin: times are reported as durations since it.
    let origin = ContinuousClock.now
    private(set) var now: ContinuousClock.Instant
    /// Timers scheduled and neither fired nor cancelled.
    private(set) var timers: [Int: ContinuousClock.Instant] = [:]
    /// Every action, with the time it was asked for.
    private(set) var log: [(at: Duration, action: PlaybackAction)] = []
    /// Off-thread work asked for and not answered yet.
    private(set) var waitingForSpeech: String?
    private(set) var waitingForTranscript = false

    init(_ player: ReplyPlayer) {
        self.player = player
        now = origin
    }

    /// The time on the manual clock, since its origin.
    var elapsed: Duration { now - origin }

    /// Hands one event to the player at the current time; returns its actions.
    @discardableResult
    mutating func deliver(_ event: PlaybackEvent) -> [PlaybackAction] {
        let actions = player.handle(event, now: now)
        for action in actions {
            log.append((elapsed, action))
            switch action {
            case .schedule(let timer, let deadline):
                timers[timer] = deadline
            case .cancelTimer(let timer):
                timers[timer] = nil
            case .synthesize(let text):
                waitingForSpeech = text
            case .transcribe:
                waitingForTranscript = true
            default:
                break
            }
        }
        return actions
    }

    /// Moves the clock to the earliest timer and fires it; false if none is scheduled.
    @discardableResult
    mutating func fireNextTimer() -> Bool {
        guard let (timer, deadline) = timers.min(by: { $0.value < $1.value }) else { return false }
        timers[timer] = nil
        now = max(now, deadline)
        deliver(.timerFired(timer))
        return true
    }

    /// Moves the clock on by `duration` without firing anything.
    mutating func wait(_ duration: Duration) {
        now += duration
    }

    /// Plays until the player waits on something only the test can give (a tool response) or is finished:
    /// answers synthesis with `speech(text)` and recognition with `transcript` at once, and fires timers in order.
    mutating func run(speech: (String) -> [Int16] = { _ in [] }, transcript: String = "") {
        while true {
            if let text = waitingForSpeech {
                waitingForSpeech = nil
                deliver(.speechReady(speech(text)))
            } else if waitingForTranscript {
                waitingForTranscript = false
                deliver(.transcribed(transcript))
            } else if !fireNextTimer() {
                return
            }
        }
    }

    /// The messages sent, with their release times.
    var sent: [(at: Duration, message: ServerMessage)] {
        log.compactMap { entry in
            if case .send(let message) = entry.action { return (entry.at, message) }
            return nil
        }
    }

    /// The text parts sent, joined.
    var text: String {
        sent.compactMap { $0.message.serverContent?.modelTurn?.parts.first?.text }.joined()
    }
}
