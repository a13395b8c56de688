import GeminiLiveProtocol

/// Plays one reply of the model as a value: `PlaybackEvent`s in, `PlaybackAction`s out, time passed in.
///
/// A reply goes like this:
/// 1. With `--stall`, nothing for that long.
/// 2. Speech in the turn is recognised (off-thread); with input transcription on, its `inputTranscription` is sent.
/// 3. The first script rule matching the turn (its kind, number, and what was said) gives the reply's actions;
///    with no match the model describes what it received.
/// 4. The actions, in order:
///    - `say`: TEXT replies are sent as text parts of three words, 15 ms apart. AUDIO replies are synthesised
///      (off-thread), then sent in the service's 24 kHz pieces (200 ms, then 240 ms each) in bursts of one to
///      four; once more than half a second has gone out, each burst is followed by a pause of half the audio
///      sent since the previous pause. So a piece that opens a burst is released when half the audio before it
///      would have played: twice real time, with a lead of over half a second. `outputTranscription` fragments
///      run a piece ahead (`ReplyRenderer`).
///    - `delay`: nothing for that long.
///    - `toolCall`: on half-cascade models an `executableCode` part first; then a `toolCall` message (id as
///      scripted, else the backend's shape: `function-call-<19 digits>` or a UUID), then nothing until the client's
///      `toolResponse` with that id, however long (there is no timeout). Its `response` fills `{{response}}`.
///      If the connection ends meanwhile, `pendingToolCall` is what a resumed connection takes up
///      (`init(resuming:)`): the call is asked again with the same id, then the reply goes on.
///    - `interrupt`: the reply ends as if the user had spoken (`interrupted`, `turnComplete` from the session).
///    - `fault`: injected through the session; every fault but `goAway` ends the reply.
///    - `slowPongs`: the connection's pongs are held back from now on.
///    On a model that thinks in the background, a filler (`filler`) is said first and its turn completed with
///    `interactionStatus: IN_PROGRESS`; after `thinkingTime` the actions above follow.
/// 5. At the end the session sends `generationComplete`, then `turnComplete` with usage.
///
/// Barge-in is the session's decision: it sends `interrupted` and `turnComplete` itself and the player gets
/// `.interrupted`, after which it cancels its timer and ignores everything. Pauses count from the event that
/// scheduled them (`now`), so a fake clock makes every release time exact; nothing here sleeps or reads a clock.
struct ReplyPlayer: Sendable {
    enum Stage: Sendable, Equatable {
        /// A new reply, before `.start`.
        case fresh
        /// A reply taken up at its pending tool call, before `.start`.
        case resumed
        /// Held back by `--stall` until the timer fires.
        case stalling(timer: Int)
        /// Waiting for the user's speech to be recognised.
        case transcribing
        /// Waiting for the speech of `text`.
        case synthesizing(String)
        /// Between two bursts of a `say`: the rest of its steps wait for the timer.
        case pausing(rest: ArraySlice<ReplyStep>, timer: Int)
        /// In a scripted `delay`.
        case delaying(timer: Int)
        /// Waiting for the answer to this call.
        case waitingForTool(FunctionCall)
        /// Finished, cut short, or interrupted: nothing more happens.
        case done
    }

    /// The turn this reply answers.
    var turn: Int { progress.request.turn }
    private(set) var stage: Stage
    private var progress: PendingReply
    private let script: EmulatorScript?
    private let usedRules: Set<Int>
    private let stall: Duration
    private var timers = 0

    /// A reply to `request`; `usedRules` are the `once` rules the connection already used.
    init(request: ReplyRequest, script: EmulatorScript?, usedRules: Set<Int>, stall: Duration = .zero) {
        progress = PendingReply(
            request: request, call: FunctionCall(id: nil, name: nil, args: .null), remaining: [],
            template: ReplyTemplate(turn: request.turn, text: "", transcript: ""), spoken: [], tokens: 0, calls: 0,
            said: "", afterFiller: nil)
        self.script = script
        self.usedRules = usedRules
        self.stall = stall
        stage = .fresh
    }

    /// Takes up a reply that waited on a tool call when its connection ended: asks for the call again (same id),
    /// then goes on with the rest once the answer arrives.
    init(resuming pending: PendingReply) {
        progress = pending
        progress.remaining =
            [.toolCall(name: pending.call.name ?? "", args: pending.call.args, id: pending.call.id)]
            + pending.remaining
        progress.calls -= 1
        script = nil
        usedRules = []
        stall = .zero
        stage = .resumed
    }

    /// Whether the reply is over (nothing it does can change any more).
    var isFinished: Bool { stage == .done }

    /// The reply as it stands while it waits on a tool call, to keep for a resumed connection; nil otherwise.
    var pendingToolCall: PendingReply? {
        guard case .waitingForTool(let call) = stage else { return nil }
        var pending = progress
        pending.call = call
        return pending
    }

    /// Handles one event at `now`; events that do not fit the stage (a stale timer, a late answer) are ignored.
    mutating func handle(_ event: PlaybackEvent, now: ContinuousClock.Instant) -> [PlaybackAction] {
        var actions: [PlaybackAction] = []
        switch (event, stage) {
        case (.interrupted, .stalling(let timer)), (.interrupted, .pausing(_, let timer)),
            (.interrupted, .delaying(let timer)):
            actions.append(.cancelTimer(timer))
            stage = .done
        case (.interrupted, _):
            stage = .done
        case (.start, .fresh):
            if stall > .zero {
                let timer = nextTimer()
                actions.append(.schedule(timer: timer, at: now + stall))
                stage = .stalling(timer: timer)
            } else {
                listen(now: now, into: &actions)
            }
        case (.start, .resumed):
            advance(now: now, into: &actions)
        case (.timerFired(let fired), .stalling(let timer)) where fired == timer:
            listen(now: now, into: &actions)
        case (.transcribed(let transcript), .transcribing):
            if progress.request.transcribeInput {
                let message = ServerMessage(
                    .serverContent(ServerContent(inputTranscription: Transcription(text: transcript))))
                actions.append(.send(message))
            }
            compose(transcript: transcript, now: now, into: &actions)
        case (.speechReady(let samples), .synthesizing(let text)):
            let rendered = renderer.render(text, continuing: continuing) { _ in samples }
            progress.tokens += rendered.tokens
            stream(rendered.steps[...], now: now, into: &actions)
        case (.timerFired(let fired), .pausing(let rest, let timer)) where fired == timer:
            stream(rest, now: now, into: &actions)
        case (.timerFired(let fired), .delaying(let timer)) where fired == timer:
            advance(now: now, into: &actions)
        case (.toolResponse(let response), .waitingForTool(let call)) where response.id == call.id:
            progress.template.response = response.response
            advance(now: now, into: &actions)
        default:
            break
        }
        return actions
    }

    // MARK: - Stages

    private var renderer: ReplyRenderer {
        let request = progress.request
        return ReplyRenderer(
            modality: request.modality, transcribeOutput: request.transcribeOutput,
            multiPartEvents: request.model.multiPartEvents, dialect: request.dialect, seed: UInt64(request.turn))
    }

    private mutating func nextTimer() -> Int {
        timers += 1
        return timers
    }

    /// Recognises the turn's speech first, if it has any.
    private mutating func listen(now: ContinuousClock.Instant, into actions: inout [PlaybackAction]) {
        let audio = progress.request.input.audio
        guard audio.isEmpty else {
            stage = .transcribing
            actions.append(.transcribe(audio))
            return
        }
        compose(transcript: "", now: now, into: &actions)
    }

    /// Decides what the reply does, from the script or the default description, and starts doing it.
    private mutating func compose(
        transcript: String, now: ContinuousClock.Instant, into actions: inout [PlaybackAction]
    ) {
        let request = progress.request
        progress.said = (request.input.texts + (transcript.isEmpty ? [] : [transcript])).joined(separator: " ")
        progress.remaining = [
            .say(
                request.model.transcribesSpeech
                    ? progress.said
                    : ReplyDescription.describe(request.input, turn: request.turn, transcript: transcript))
        ]
        if let script,
            let index = script.ruleIndex(
                kind: request.input.kind, turn: request.turn, said: progress.said, used: usedRules)
        {
            actions.append(.useRule(index))
            progress.remaining = script.rules[index].actions
        }
        progress.template = ReplyTemplate(
            turn: request.turn, text: request.input.texts.joined(separator: " "), transcript: transcript,
            instruction: request.systemInstruction, tools: request.functionNames.joined(separator: ", "))
        if request.model.backgroundThinking {
            progress.afterFiller = progress.remaining
            progress.remaining = [.say(Self.filler)]
        }
        advance(now: now, into: &actions)
    }

    /// Sends a `say`'s messages up to its next pause, then schedules the rest; at its end goes on with the script.
    private mutating func stream(
        _ steps: ArraySlice<ReplyStep>, now: ContinuousClock.Instant, into actions: inout [PlaybackAction]
    ) {
        var steps = steps
        while let step = steps.popFirst() {
            switch step {
            case .message(let message):
                actions.append(.send(message))
            case .pause(let duration):
                let timer = nextTimer()
                actions.append(.schedule(timer: timer, at: now + duration))
                stage = .pausing(rest: steps, timer: timer)
                return
            }
        }
        advance(now: now, into: &actions)
    }

    /// Runs the script's actions until one has to wait (speech, a timer, an answer) or the reply ends.
    private mutating func advance(now: ContinuousClock.Instant, into actions: inout [PlaybackAction]) {
        let request = progress.request
        while true {
            if progress.remaining.isEmpty, let rest = progress.afterFiller {
                completeFillerTurn(rest, into: &actions)
            }
            guard !progress.remaining.isEmpty else { break }
            switch progress.remaining.removeFirst() {
            case .say(let pattern):
                let text = progress.template.fill(pattern)
                progress.spoken.append(text)
                guard request.modality == "TEXT" else {
                    stage = .synthesizing(text)
                    actions.append(.synthesize(text))
                    return
                }
                let rendered = renderer.render(text, continuing: continuing) { _ in [] }
                progress.tokens += rendered.tokens
                stream(rendered.steps[...], now: now, into: &actions)
                return
            case .delay(let seconds):
                let timer = nextTimer()
                actions.append(.schedule(timer: timer, at: now + .milliseconds(Int64(seconds * 1000))))
                stage = .delaying(timer: timer)
                return
            case .toolCall(let name, let args, let id):
                progress.calls += 1
                let callID = id ?? request.dialect.functionCallID(turn: request.turn, call: progress.calls)
                let call = FunctionCall(id: callID, name: name, args: args)
                progress.call = call
                if request.model.codeBeforeToolCall {
                    let part = Part(executableCode: Self.callCode(name: name, args: args))
                    actions.append(
                        .send(
                            ServerMessage(.serverContent(ServerContent(modelTurn: request.dialect.modelTurn([part]))))))
                }
                actions.append(.send(ServerMessage(.toolCall(ToolCall(functionCalls: [call])))))
                stage = .waitingForTool(call)
                return
            case .interrupt:
                actions.append(.interrupt(userText: progress.said, modelText: modelText))
                stage = .done
                return
            case .fault(let fault):
                actions.append(.fault(fault))
                guard fault == .goAway else {
                    stage = .done
                    return
                }
            case .slowPongs(let seconds):
                actions.append(.slowPongs(seconds))
            }
        }
        actions.append(.finish(userText: progress.said, modelText: modelText, responseTokens: progress.tokens))
        stage = .done
    }

    private var modelText: String { progress.spoken.joined(separator: " ") }

    /// Whether the current model turn already said something before the `say` now rendered.
    private var continuing: Bool { progress.spoken.count - progress.spokenBeforeTurn > 1 }

    /// What a model that thinks in the background says at once, in a turn of its own, before it reasons.
    static let filler = "Let me think about that."
    /// How long it then reasons before it answers.
    static let thinkingTime = 0.5

    /// Completes the filler turn while the task goes on (`interactionStatus: IN_PROGRESS`), then queues the
    /// reasoning and the answer. The turn's response tokens ride in `usageMetadata` for the session to complete.
    private mutating func completeFillerTurn(_ rest: [ScriptAction], into actions: inout [PlaybackAction]) {
        actions.append(.send(ServerMessage(.serverContent(ServerContent(generationComplete: true)))))
        actions.append(
            .send(
                ServerMessage(
                    .serverContent(ServerContent(turnComplete: true, interactionStatus: "IN_PROGRESS")),
                    usageMetadata: UsageMetadata(responseTokenCount: progress.tokens))))
        progress.tokens = 0
        progress.afterFiller = nil
        progress.spokenBeforeTurn = progress.spoken.count
        progress.remaining = [.delay(Self.thinkingTime)] + rest
    }

    /// `print(default_api.get_weather(city="Paris"))`: the code half-cascade models show before a call.
    static func callCode(name: String, args: JSONValue) -> JSONValue {
        var arguments: [String] = []
        if case .object(let members) = args {
            for (key, value) in members {
                var bytes: [UInt8] = []
                JSONWriter.append(value, to: &bytes)
                arguments.append("\(key)=\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        let code = "print(default_api.\(name)(\(arguments.joined(separator: ", "))))"
        return ["language": "PYTHON", "code": .string(code)]
    }
}
