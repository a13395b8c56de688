import GeminiLiveProtocol
import GeminiLiveSystem
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// Carries out one connection's `EmulatorAction`s: the only place that writes to its WebSocket.
///
/// Actions run one list at a time in the order the state machine produced them (a FIFO gate), each write
/// awaited, so backpressure reaches the reader and the reply streams, and no frame overtakes another.
actor ConnectionDriver {
    private var session: EmulatedSession
    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel
    private let number: Int
    private let services: EmulatorServices
    private let pongDelay: PongDelay
    private var replyTask: Task<Void, Never>?
    private var timers: [Task<Void, Never>] = []
    private var toolWaiters: [String: CheckedContinuation<FunctionResponse?, Never>] = [:]
    private var toolArrivals: [String: FunctionResponse] = [:]
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
        let bytes: [UInt8]
        let kind: String
        switch message {
        case .text(let text):
            bytes = Array(text.utf8)
            kind = "text"
        case .binary(let buffer):
            bytes = Array(buffer.readableBytesView)
            kind = "binary"
        }
        if let log = services.log {
            if let json = try? JSONParser.parse(bytes) {
                log.record(connection: number, direction: "client", frame: kind, message: json)
            } else {
                log.record(
                    connection: number, direction: "client", frame: kind, raw: String(decoding: bytes, as: UTF8.self))
            }
        }
        await perform(session.receive(bytes))
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
                buffer.writeBytes(PrettyJSON.bytes(message.json))
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
                replyTask = Task { await self.runReply(request) }
            case .cancelReply:
                replyTask?.cancel()
                replyTask = nil
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
                guard let id = response.id else { break }
                if let waiter = toolWaiters.removeValue(forKey: id) {
                    waiter.resume(returning: response)
                } else {
                    toolArrivals[id] = response
                }
            }
        }
        if let pending = resumedReply, !finished, session.resumeReply(turn: pending.request.turn) {
            resumedReply = nil
            replyTask = Task { await self.continueReply(pending) }
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
        replyTask?.cancel()
        for waiter in toolWaiters.values { waiter.resume(returning: nil) }
        toolWaiters.removeAll()
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

    private func runReply(_ request: ReplyRequest) async {
        let configuration = services.configuration
        if configuration.stall > 0 {
            guard (try? await Task.sleep(for: .milliseconds(Int64(configuration.stall * 1000)))) != nil else { return }
        }
        var transcript = ""
        if !request.input.audio.isEmpty {
            let audio = request.input.audio
            transcript = await BlockingThread.run { SpeechRecognizer.shared.transcribe(audio) }
            guard !Task.isCancelled else { return }
            if request.transcribeInput {
                let message = ServerMessage(
                    .serverContent(ServerContent(inputTranscription: Transcription(text: transcript))))
                await perform(session.replyOutput(turn: request.turn, message: message))
            }
        }
        let said = (request.input.texts + (transcript.isEmpty ? [] : [transcript])).joined(separator: " ")
        var actions: [ScriptAction] = [
            .say(ReplyDescription.describe(request.input, turn: request.turn, transcript: transcript))
        ]
        if let script = configuration.script,
            let index = script.ruleIndex(kind: request.input.kind, turn: request.turn, said: said, used: usedRules)
        {
            usedRules.insert(index)
            actions = script.rules[index].actions
        }
        let template = ReplyTemplate(
            turn: request.turn, text: request.input.texts.joined(separator: " "), transcript: transcript)
        var progress = PendingReply(
            request: request, call: FunctionCall(id: nil, name: nil, args: .null), remaining: actions,
            template: template, spoken: [], tokens: 0, calls: 0, said: said)
        await play(&progress)
    }

    /// Takes up a reply that waited on a tool call when the previous connection ended: asks for the call
    /// again (same id), then goes on with the rest of the reply once the answer arrives.
    private func continueReply(_ pending: PendingReply) async {
        var progress = pending
        progress.remaining =
            [.toolCall(name: pending.call.name ?? "", args: pending.call.args, id: pending.call.id)]
            + pending.remaining
        progress.calls -= 1
        await play(&progress)
    }

    /// Plays a reply's remaining actions; a tool call whose answer never comes (the connection ended) is kept
    /// under the newest resumption handle with what is left to say.
    private func play(_ progress: inout PendingReply) async {
        let request = progress.request
        let renderer = ReplyRenderer(
            modality: request.modality, transcribeOutput: request.transcribeOutput,
            multiPartEvents: request.multiPartEvents, seed: UInt64(request.turn))
        while !progress.remaining.isEmpty {
            let action = progress.remaining.removeFirst()
            guard !Task.isCancelled, !finished else { return }
            switch action {
            case .say(let pattern):
                let text = progress.template.fill(pattern)
                progress.spoken.append(text)
                let speech =
                    request.modality == "TEXT" ? [] : await BlockingThread.run { SpeechSynthesizer.shared.speak(text) }
                let rendered = renderer.render(text, continuing: progress.spoken.count > 1) { _ in speech }
                progress.tokens += rendered.tokens
                for step in rendered.steps {
                    switch step {
                    case .pause(let duration):
                        guard (try? await Task.sleep(for: duration)) != nil else { return }
                    case .message(let message):
                        let out = session.replyOutput(turn: request.turn, message: message)
                        guard !out.isEmpty else { return }
                        await perform(out)
                    }
                }
            case .delay(let seconds):
                guard (try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))) != nil else { return }
            case .toolCall(let name, let args, let id):
                progress.calls += 1
                let callID = id ?? "call_\(request.turn)_\(progress.calls)"
                let call = FunctionCall(id: callID, name: name, args: args)
                let out = session.replyOutput(
                    turn: request.turn, message: ServerMessage(.toolCall(ToolCall(functionCalls: [call]))))
                guard !out.isEmpty else { return }
                await perform(out)
                guard let response = await waitForTool(callID) else {
                    // The connection ended (not an interruption, which leaves it open): keep the call for a resume.
                    if finished, let lastHandle {
                        progress.call = call
                        services.store.attach(progress, to: lastHandle)
                    }
                    return
                }
                progress.template.response = response.response
            case .interrupt:
                session.replyComposed(
                    turn: request.turn, userText: progress.said, modelText: progress.spoken.joined(separator: " "))
                await perform(session.interruptReply(turn: request.turn))
                return
            case .fault(let fault):
                await perform(session.inject(fault))
                if fault != .goAway { return }
            case .slowPongs(let seconds):
                pongDelay.set(seconds: seconds)
            }
        }
        session.replyComposed(
            turn: request.turn, userText: progress.said, modelText: progress.spoken.joined(separator: " "))
        await perform(session.replyFinished(turn: request.turn, responseTokens: progress.tokens))
    }

    private func waitForTool(_ id: String) async -> FunctionResponse? {
        if let arrived = toolArrivals.removeValue(forKey: id) { return arrived }
        guard !finished else { return nil }
        return await withCheckedContinuation { toolWaiters[id] = $0 }
    }
}
