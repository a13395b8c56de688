import GeminiLiveProtocol
import GeminiLiveSystem
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// Carries out one connection's `EmulatorAction`s: the only place that writes to its WebSocket.
///
/// Actions run one list at a time in the order the state machine produced them (a FIFO gate), each write
/// awaited, so backpressure reaches the reader and the reply streams, and no frame overtakes another.
/// The reply in progress is a `ReplyPlayer`; this actor only carries out what it asks for: its timers on the
/// connection's clock, speech synthesis and recognition on threads of their own, its messages through the session.
actor ConnectionDriver {
    private var session: EmulatedSession
    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel
    private let number: Int
    private let services: EmulatorServices
    private let pongDelay: PongDelay
    private let clock = ContinuousClock()
    /// The session's timers (goAway, lifetime).
    private var timers: [Task<Void, Never>] = []
    /// The reply being played, if any.
    private var player: ReplyPlayer?
    /// Counts the replies started and cut off; events from off-thread work or timers of an earlier reply carry an
    /// old number and are dropped, and a reply's action list stops being carried out once the number moves on.
    private var replyNumber = 0
    /// The current reply's timers, by the player's timer id.
    private var replyTimers: [Int: Task<Void, Never>] = [:]
    private var usedRules: Set<Int> = []
    /// The newest resumption handle issued on this connection: a reply cut off at a tool call is kept under it.
    private var lastHandle: String?
    /// A reply waiting on a tool call that the resumed conversation takes up once setupComplete is out.
    private var resumedReply: PendingReply?
    private var busy = false
    private var gate: [CheckedContinuation<Void, Never>] = []
    /// Whether the connection was closed or dropped.
    private(set) var finished = false
    private var cleanedUp = false

    init(
        session: EmulatedSession, outbound: WebSocketOutboundWriter, channel: any Channel, number: Int,
        services: EmulatorServices, pongDelay: PongDelay
    ) {
        self.pongDelay = pongDelay
        self.session = session
        self.outbound = outbound
        self.channel = channel
        self.number = number
        self.services = services
    }

    /// Closes at once (refused credentials) before any frame is read.
    func refuse(_ reason: CloseReason) async {
        await perform([.close(reason)])
    }

    /// Handles one client frame.
    func receive(_ message: WebSocketMessage) async {
        guard !finished else { return }
        let frame = ClientFrame(message)
        if let log = services.log {
            frame.record(in: log, connection: number, json: try? JSONParser.parse(frame.bytes))
        }
        await perform(session.receive(frame.bytes))
    }

    /// The client went away (close frame or end of stream).
    func clientGone() {
        finish()
    }

    // MARK: - Carrying out actions

    func perform(_ actions: [EmulatorAction]) async {
        guard !actions.isEmpty else { return }
        await enterGate()
        var queue = actions[...]
        while let action = queue.popFirst(), !finished {
            switch action {
            case .send(let message):
                services.log?.record(connection: number, direction: "server", frame: "binary", message: message.json)
                var buffer = ByteBuffer()
                buffer.writeBytes(ServiceFrame.bytes(message))
                do {
                    try await outbound.write(.binary(buffer))
                } catch {
                    finish()
                }
            case .close(let reason):
                services.log?.record(
                    connection: number, direction: "server", frame: "close", code: reason.code, reason: reason.reason)
                // Stop everything else first, but cancel the tasks only after the close frame is out:
                // this may be the reply or timer task itself, and a cancelled task cannot write.
                finished = true
                try? await outbound.close(WebSocketErrorCode(codeNumber: Int(reason.code)), reason: reason.reason)
                finish()
            case .drop:
                services.log?.record(connection: number, direction: "server", frame: "drop")
                finish()
                channel.close(mode: .all, promise: nil)
            case .resume(let handle):
                let snapshot = services.store.snapshot(for: handle)
                queue = session.resumed(with: snapshot)[...] + queue
                if snapshot != nil { resumedReply = services.store.takePending(for: handle) }
            case .startReply(let request):
                let stall = Duration.milliseconds(Int64(services.configuration.stall * 1000))
                begin(
                    ReplyPlayer(
                        request: request, script: services.configuration.script, usedRules: usedRules, stall: stall))
            case .cancelReply:
                if var interrupted = player {
                    // Only timer cancellations come back: they need no gate.
                    for case .cancelTimer(let timer) in interrupted.handle(.interrupted, now: clock.now) {
                        replyTimers.removeValue(forKey: timer)?.cancel()
                    }
                }
                player = nil
                replyNumber += 1
            case .schedule(let timer, let delay):
                timers.append(
                    Task {
                        guard (try? await Task.sleep(for: delay)) != nil else { return }
                        await self.fire(timer)
                    })
            case .store(let handle, let snapshot):
                services.store.store(snapshot, handle: handle)
                lastHandle = handle
            case .deliverToolResponse(_, let response):
                // Played from a task of its own: the reply's messages go through this gate, which is held now.
                let reply = replyNumber
                Task { await self.play(.toolResponse(response), reply: reply) }
            }
        }
        if let pending = resumedReply, !finished, session.resumeReply(turn: pending.request.turn) {
            resumedReply = nil
            begin(ReplyPlayer(resuming: pending))
        }
        leaveGate()
    }

    private func fire(_ timer: EmulatorTimer) async {
        await perform(session.timerFired(timer))
    }

    private func finish() {
        finished = true
        guard !cleanedUp else { return }
        cleanedUp = true
        for timer in timers { timer.cancel() }
        timers.removeAll()
        for timer in replyTimers.values { timer.cancel() }
        replyTimers.removeAll()
        // A reply waiting on a tool call when the connection ends (not an interruption, which leaves it open) is
        // kept under the newest handle with what is left to say.
        if let pending = player?.pendingToolCall, let lastHandle {
            services.store.attach(pending, to: lastHandle)
        }
        player = nil
    }

    private func enterGate() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { gate.append($0) }
    }

    private func leaveGate() {
        if gate.isEmpty {
            busy = false
        } else {
            gate.removeFirst().resume()
        }
    }

    // MARK: - Replies

    /// Makes `player` the reply in progress and starts it from a task of its own (the gate may be held now).
    private func begin(_ player: ReplyPlayer) {
        replyNumber += 1
        self.player = player
        let reply = replyNumber
        Task { await self.play(.start, reply: reply) }
    }

    /// Hands `event` to reply number `reply`, if it is still the one in progress, and carries out its actions.
    private func play(_ event: PlaybackEvent, reply: Int) async {
        guard reply == replyNumber, !finished, var current = player else { return }
        let actions = current.handle(event, now: clock.now)
        player = current.isFinished ? nil : current
        let turn = current.turn
        for action in actions {
            // A barge-in or a close may come while a write is awaited: the rest of the list is then void.
            guard reply == replyNumber, !finished else { return }
            switch action {
            case .send(let message):
                let out = session.replyOutput(turn: turn, message: message)
                guard !out.isEmpty else {
                    player = nil
                    return
                }
                await perform(out)
            case .schedule(let timer, let deadline):
                replyTimers[timer] = Task { [clock] in
                    guard (try? await Task.sleep(until: deadline, clock: clock)) != nil else { return }
                    await self.timerFired(timer, reply: reply)
                }
            case .cancelTimer(let timer):
                replyTimers.removeValue(forKey: timer)?.cancel()
            case .transcribe(let audio):
                Task {
                    let transcript = await BlockingThread.run { SpeechRecognizer.shared.transcribe(audio) }
                    await self.play(.transcribed(transcript), reply: reply)
                }
            case .synthesize(let text):
                Task {
                    let speech = await BlockingThread.run { SpeechSynthesizer.shared.speak(text) }
                    await self.play(.speechReady(speech), reply: reply)
                }
            case .useRule(let index):
                usedRules.insert(index)
            case .slowPongs(let seconds):
                pongDelay.set(seconds: seconds)
            case .fault(let fault):
                await perform(session.inject(fault))
            case .interrupt(let userText, let modelText):
                session.replyComposed(turn: turn, userText: userText, modelText: modelText)
                await perform(session.interruptReply(turn: turn))
            case .finish(let userText, let modelText, let responseTokens):
                session.replyComposed(turn: turn, userText: userText, modelText: modelText)
                await perform(session.replyFinished(turn: turn, responseTokens: responseTokens))
            }
        }
    }

    private func timerFired(_ timer: Int, reply: Int) async {
        guard reply == replyNumber else { return }
        replyTimers[timer] = nil
        await play(.timerFired(timer), reply: reply)
    }
}
