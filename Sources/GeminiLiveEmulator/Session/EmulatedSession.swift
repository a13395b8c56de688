import GeminiLiveMedia
import GeminiLiveProtocol

/// One Live connection's protocol logic as a value-type state machine: frames and events in, actions out.
///
/// It never touches a socket or a clock. The connection layer feeds it client frames, timer events and the
/// progress of replies it produces, and carries out the returned `EmulatorAction`s in order.
public struct EmulatedSession {
    enum Phase: Equatable {
        case awaitingSetup
        case awaitingResume
        case active
        case closed
    }

    struct ActiveReply: Equatable {
        var turn: Int
        /// The calls awaiting an answer, oldest first, with their function names (Vertex AI matches an answer
        /// without an id by name).
        var waitingForTool: [WaitingCall] = []
        /// Whether some of the reply's output (content, transcription, a call) went out. Speech heard before then
        /// drops the reply without a word, and its input joins the rest of the speech (`barge(bySpeech:)`).
        var underway = false
        /// What the user gave for this reply, carried into the next turn if the reply is dropped unseen.
        var input: TurnInput
        /// The prompt tokens the input added, taken back if the reply is dropped unseen.
        var promptTokens: Int
    }

    struct WaitingCall: Equatable {
        var id: String
        var name: String?
    }

    let options: SessionOptions
    var phase = Phase.awaitingSetup
    var setup: Setup?
    var model: ModelProfile?
    /// Input of a reply dropped before any of it went out, which the next turn answers together with its own.
    var carriedInput: TurnInput?
    /// Counts realtime audio messages, so an idle timer knows whether audio came after it was set.
    var audioMessages = 0
    /// The audio count when the pending stream-idle timer was set, if one is.
    var idleTimerArmedAt: Int?
    var modality = "AUDIO"
    var conversation = ConversationSnapshot()
    var reply: ActiveReply?
    /// Client messages received on this connection, setup excluded.
    var clientMessageCount = 0
    /// The index of the client message where the speech now being collected began, if any.
    var utteranceStartIndex: Int?
    var vad: VoiceActivityDetector?
    var manualActivity = false
    var manualAudio: [Int16] = []
    var resamplers: [Int: Resampler] = [:]
    var pendingOtherAudio = 0.0
    /// User turns that ended while the reply could not be cut off (NO_INTERRUPTION); answered in order after it.
    var queuedTurns: [TurnInput] = []

    /// Creates a session waiting for its setup.
    public init(options: SessionOptions) {
        self.options = options
    }

    /// How messages look on the backend served (every model of a backend shapes them alike).
    var dialect: WireDialect { .of(options.backend) }

    /// Whether the session has closed or dropped (nothing more is processed).
    public var isClosed: Bool { phase == .closed }

    /// The negotiated model, once setup was accepted.
    public var modelName: String? { model?.name }

    /// Handles one client frame (text or binary; the bytes are the same JSON either way).
    public mutating func receive(_ bytes: [UInt8]) -> [EmulatorAction] {
        guard phase != .closed else { return [] }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return close(.malformedJSON)
        }
        if let unknown = FieldSchema.firstUnknownField(in: json) {
            return close(.unknownField(unknown.name, at: unknown.path))
        }
        let message: ClientMessage
        do {
            message = try ClientMessage(json: json)
        } catch {
            return close(.invalidArgument)
        }
        switch phase {
        case .awaitingSetup:
            guard case .setup(let setup) = message.kind else { return close(.invalidArgument) }
            return acceptSetup(setup)
        case .awaitingResume:
            // The handle lookup is under way; the client must wait for setupComplete.
            return close(.invalidArgument)
        case .closed:
            return []
        case .active:
            clientMessageCount += 1
            if let dropAfter = options.dropAfter, clientMessageCount == dropAfter {
                phase = .closed
                return [.drop]
            }
            if let failAfter = options.failAfter, clientMessageCount == failAfter {
                return close(.internalError)
            }
            return handle(message)
        }
    }

    /// Finishes a resumed setup: `snapshot` is the stored conversation, or nil for an unknown or expired handle.
    public mutating func resumed(with snapshot: ConversationSnapshot?) -> [EmulatorAction] {
        guard phase == .awaitingResume else { return [] }
        guard let snapshot else { return close(.sessionNotFound) }
        conversation = snapshot
        return completeSetup()
    }

    /// Handles a timer the session scheduled.
    public mutating func timerFired(_ timer: EmulatorTimer) -> [EmulatorAction] {
        guard phase == .active else { return [] }
        switch timer {
        case .goAway:
            let left = ProtoDuration.string(seconds: options.effectiveGoAwayLead.rounded())
            return [.send(ServerMessage(.goAway(GoAway(timeLeft: left))))]
        case .lifetime:
            return close(.deadlineExpired)
        case .audioStreamIdle:
            return audioStreamIdle()
        }
    }

    // MARK: - Setup

    mutating func acceptSetup(_ setup: Setup) -> [EmulatorAction] {
        guard let model = catalogueModel(named: setup.model) else {
            let shown = options.backend == .vertexAI ? setup.model : ModelCatalogue.fullName(setup.model)
            return close(.modelNotFound(shown, version: options.apiVersion))
        }
        let modalities = (setup.generationConfig?.responseModalities ?? ["AUDIO"]).map { $0.uppercased() }
        guard modalities.count <= 1 else { return close(.invalidArgument) }
        let modality = modalities.first ?? "AUDIO"
        guard modality == "AUDIO" || modality == "TEXT" else { return close(.invalidArgument) }
        guard model.modalities.contains(modality) else { return close(model.textModalityClose) }
        if let refusal = model.refusal(of: setup) { return close(refusal) }
        self.setup = setup
        self.model = model
        self.modality = modality
        let detection = setup.realtimeInputConfig?.automaticActivityDetection
        if detection?.disabled != true {
            vad = VoiceActivityDetector(
                startSensitivity: detection?.startOfSpeechSensitivity,
                endSensitivity: detection?.endOfSpeechSensitivity, prefixPaddingMs: detection?.prefixPaddingMs,
                silenceDurationMs: detection?.silenceDurationMs)
        }
        if let handle = setup.sessionResumption?.handle, !handle.isEmpty {
            phase = .awaitingResume
            return [.resume(handle: handle)]
        }
        return completeSetup()
    }

    /// The catalogue's model for `name` as this connection's service spells it: `models/ID` (or a bare id) on
    /// the Gemini API; `projects/P/locations/L/publishers/google/models/ID` or, in express mode,
    /// `publishers/google/models/ID` on Vertex AI.
    func catalogueModel(named name: String) -> ModelProfile? {
        switch options.backend {
        case .geminiAPI:
            return options.catalogue.model(named: name)
        case .vertexAI:
            guard name.hasPrefix("projects/") || name.hasPrefix("publishers/"), let id = ModelName.id(in: name) else {
                return nil
            }
            return options.catalogue.model(named: id)
        }
    }

    /// Whether resumption updates say which client messages were consumed: always with `--consumed-index`, and
    /// on Vertex AI when the setup asks for transparent resumption.
    var reportsConsumedIndex: Bool {
        if options.consumedIndex { return true }
        guard options.backend == .vertexAI, let resumption = setup?.sessionResumption else { return false }
        return resumption.unknownFields["transparent"]?.boolValue == true
    }

    mutating func completeSetup() -> [EmulatorAction] {
        phase = .active
        let acknowledgement = dialect.setupComplete { Handle.random() }
        var actions: [EmulatorAction] = [.send(ServerMessage(.setupComplete(acknowledgement)))]
        actions += resumptionUpdate()
        let lead = options.effectiveGoAwayLead
        if lead > 0 { actions.append(.schedule(.goAway, after: .seconds(options.connectionLifetime - lead))) }
        actions.append(.schedule(.lifetime, after: .seconds(options.connectionLifetime)))
        return actions
    }

    // MARK: - Messages

    mutating func handle(_ message: ClientMessage) -> [EmulatorAction] {
        switch message.kind {
        case .setup:
            return close(.invalidArgument)
        case .clientContent(let content):
            for turn in content.turns where turn.role != "model" {
                absorb(turn.parts)
            }
            for turn in content.turns where turn.role == "model" {
                let text = Self.text(of: turn)
                if !text.isEmpty { conversation.history.append(.init(role: "model", text: text)) }
            }
            guard content.turnComplete == true else { return [] }
            return endUserTurn(kind: .content)
        case .realtimeInput(let input):
            return handleRealtime(input)
        case .toolResponse(let response):
            guard var current = reply else { return [] }
            var actions: [EmulatorAction] = []
            for answer in response.functionResponses {
                var answer = answer
                let waiting: Int?
                if let id = answer.id {
                    waiting = current.waitingForTool.firstIndex { $0.id == id }
                } else if !dialect.toolResponsesNeedID {
                    // Vertex AI takes answers without ids: the first call waiting under that name is meant.
                    waiting = current.waitingForTool.firstIndex { answer.name == nil || $0.name == answer.name }
                } else {
                    waiting = nil
                }
                guard let waiting else { continue }
                answer.id = current.waitingForTool.remove(at: waiting).id
                actions.append(.deliverToolResponse(turn: current.turn, response: answer))
            }
            reply = current
            return actions
        case .contextUpdate(let update):
            // Later replies see the new instruction and tools, as after a setup that carried them; the update takes
            // effect where it stands among the other input (a reply already started keeps what it had).
            guard model?.acceptsContextUpdate == true, var current = setup else { return close(.invalidArgument) }
            if let instruction = update.systemInstruction { current.systemInstruction = instruction }
            if let tools = update.tools { current.tools = tools }
            setup = current
            return []
        }
    }

    /// Adds text and media parts to the input awaiting the next turn.
    mutating func absorb(_ parts: [Part]) {
        for part in parts {
            if let text = part.text { conversation.pendingTexts.append(text) }
            if let blob = part.inlineData {
                if blob.mimeType.hasPrefix("image/") {
                    conversation.pendingPictures.append(Self.picture(blob))
                } else if blob.mimeType.hasPrefix("audio/") {
                    let rate = AudioMIME.rate(of: blob.mimeType) ?? 16_000
                    pendingOtherAudio += Double(blob.data.count / 2) / Double(rate)
                }
            }
        }
    }

    static func picture(_ blob: Blob) -> TurnInput.Picture {
        let size = ImageInfo.dimensions(of: blob.data)
        let format = blob.mimeType.split(separator: "/").last.map { $0.uppercased() } ?? "IMAGE"
        return TurnInput.Picture(format: format, width: size?.width, height: size?.height)
    }

    /// A `sessionResumptionUpdate` with a fresh handle (and the store action), if the client asked for them.
    mutating func resumptionUpdate() -> [EmulatorAction] {
        guard setup?.sessionResumption != nil else { return [] }
        let handle = options.makeHandle()
        var update = SessionResumptionUpdate(newHandle: handle, resumable: true)
        // Audio of an utterance still in progress is not in the snapshot: those messages count as not consumed,
        // so a client that re-sends everything after the index rebuilds the utterance exactly.
        let consumed = (utteranceStartIndex ?? clientMessageCount) - 1
        if reportsConsumedIndex, consumed >= 0 {
            update.lastConsumedClientMessageIndex = consumed
        }
        return [.store(handle: handle, snapshot: conversation), .send(ServerMessage(.sessionResumptionUpdate(update)))]
    }

    mutating func close(_ reason: CloseReason) -> [EmulatorAction] {
        phase = .closed
        reply = nil
        return [.close(reason)]
    }
}
