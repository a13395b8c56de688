import GeminiLiveProtocol

/// Replays one recorded connection to a live client: consumes its frames, one cursor per modality, and says
/// when each recorded server frame goes out. No I/O; time comes from the injected clock.
///
/// A server frame is released once the live client has reached the progress the recorded client had just
/// before it (every modality's count, audio by cumulative duration within the tolerance), then after its
/// recorded delay divided by `speed` (0: at once), and never before the frame ahead of it. The first client
/// item that matches nothing ends the replay with a `.report` and a 1011 close.
struct ReplayCursor<C: Clock>: Sendable where C.Duration == Duration, C: Sendable {
    private let script: ReplayScript
    private let clock: C
    private let speed: Double
    private var progress = ReplayProgress()
    private var clientFrames = 0
    /// The next server event not yet given a due time.
    private var nextUnscheduled = 0
    /// Events whose gate was reached, with when they are due, in order.
    private var due: [(index: Int, at: C.Instant)] = []
    private var timerPending = false
    /// Whether the replay has ended (closed, dropped or diverged).
    private(set) var finished = false

    /// Starts replaying `script`; `speed` divides the recorded delays (0 sends each frame as soon as it may go).
    init(script: ReplayScript, clock: C, speed: Double) {
        self.script = script
        self.clock = clock
        self.speed = speed
    }

    /// The server frames due before any client frame (none in a recording that starts with the setup).
    mutating func start() -> [ReplayAction] {
        release(reachedAt: clock.now)
    }

    /// Handles one live client frame's bytes.
    mutating func receive(_ bytes: [UInt8]) -> [ReplayAction] {
        guard !finished else { return [] }
        guard let message = try? JSONParser.parse(bytes) else {
            clientFrames += 1
            return diverge(
                ReplayDivergence(
                    clientFrame: clientFrames, pointer: "", recorded: "a JSON message",
                    got: ReplayDivergence.truncated(String(decoding: bytes, as: UTF8.self), 60),
                    source: script.source))
        }
        return receive(message: message)
    }

    /// Handles one live client message already parsed.
    mutating func receive(message: JSONValue) -> [ReplayAction] {
        guard !finished else { return [] }
        clientFrames += 1
        for item in ReplayInputItem.items(of: ReplayNormalisation.normalised(message)) {
            if let divergence = mismatch(item) { return diverge(divergence) }
            progress.advance(by: item)
        }
        return release(reachedAt: clock.now)
    }

    /// The timer asked for by `.schedule` went off: sends what is due.
    mutating func timerFired() -> [ReplayAction] {
        timerPending = false
        guard !finished else { return [] }
        return release(reachedAt: clock.now)
    }

    // MARK: - Matching

    /// The recording's chunking sets the tolerance: a live stream in coarser chunks still ends on the same total.
    private var audioTolerance: Int { script.audioToleranceMicros }

    private func mismatch(_ item: ReplayInputItem) -> ReplayDivergence? {
        let recorded = script.recorded(item.modality)
        switch item.modality {
        case .audio:
            let total = script.totalAudioMicros
            let sent = progress.audioMicros + item.audioMicros
            guard sent > total + audioTolerance else { return nil }
            return divergence(
                item.pointer, recorded: "\(Self.seconds(total)) s of audio", got: "\(Self.seconds(sent)) s")
        case .video:
            guard progress[.video] >= recorded.count else { return nil }
            return divergence(item.pointer, recorded: "\(recorded.count) frames", got: "frame \(progress[.video] + 1)")
        default:
            let position = progress[item.modality]
            guard position < recorded.count else {
                return divergence(
                    item.pointer, recorded: "nothing", got: ReplayDivergence.shown(item.value))
            }
            let expected = recorded[position]
            if expected.pointer != item.pointer, item.modality == .other {
                return divergence(expected.pointer, recorded: ReplayDivergence.shown(expected.value), got: "nothing")
            }
            guard let difference = JSONDifference.first(recorded: expected.value, got: item.value) else { return nil }
            return divergence(
                item.pointer + difference.pointer, recorded: ReplayDivergence.shown(difference.recorded),
                got: ReplayDivergence.shown(difference.got))
        }
    }

    private func divergence(_ pointer: String, recorded: String, got: String) -> ReplayDivergence {
        ReplayDivergence(
            clientFrame: clientFrames, pointer: pointer, recorded: recorded, got: got, source: script.source)
    }

    private mutating func diverge(_ divergence: ReplayDivergence) -> [ReplayAction] {
        finished = true
        return [.report(divergence), .close(divergence.closeReason)]
    }

    /// Microseconds as seconds with three decimals.
    static func seconds(_ micros: Int) -> String {
        let millis = (micros + 500) / 1000
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    // MARK: - Releasing server frames

    private mutating func release(reachedAt now: C.Instant) -> [ReplayAction] {
        while nextUnscheduled < script.events.count {
            let event = script.events[nextUnscheduled]
            guard progress.reaches(event.gate, audioTolerance: audioTolerance) else { break }
            var at = now.advanced(by: scaled(event.delayMicros))
            // Never ahead of the frame before it, however quickly the client got here.
            if let last = due.last, at < last.at { at = last.at }
            due.append((nextUnscheduled, at))
            nextUnscheduled += 1
        }
        var actions: [ReplayAction] = []
        while let head = due.first, !(now < head.at) {
            due.removeFirst()
            switch script.events[head.index].output {
            case .message(let message, let binary):
                actions.append(.send(message, binary: binary))
            case .close(let reason):
                finished = true
                return actions + [.close(reason)]
            case .drop:
                finished = true
                return actions + [.drop]
            }
        }
        if let head = due.first, !timerPending {
            timerPending = true
            actions.append(.schedule(after: now.duration(to: head.at)))
        }
        return actions
    }

    private func scaled(_ micros: Int) -> Duration {
        guard speed > 0, micros > 0 else { return .zero }
        return .microseconds(Int64((Double(micros) / speed).rounded()))
    }
}
