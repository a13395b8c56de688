import GeminiLiveProtocol

/// Turns and replies: starting, interrupting and finishing the model's answers.
extension EmulatedSession {
    /// A user turn ended: what it ended with plus the texts, pictures and audio parts given since the last turn.
    /// It is answered now, cutting off the reply in progress, or after it when `activityHandling` is
    /// `NO_INTERRUPTION`.
    mutating func endUserTurn(kind: TurnInput.Kind, audio: [Int16] = []) -> [EmulatorAction] {
        var input = TurnInput(kind: kind)
        input.texts = conversation.pendingTexts
        input.pictures = conversation.pendingPictures
        input.audio = audio
        input.otherAudioSeconds = pendingOtherAudio
        conversation.pendingTexts.removeAll()
        conversation.pendingPictures.removeAll()
        pendingOtherAudio = 0
        queuedTurns.append(input)
        if reply != nil, noInterruption { return [] }
        return startTurn(queuedTurns.removeFirst())
    }

    /// Starts the reply to `input` (after the input of a reply dropped unseen, if any), cutting off one under way.
    mutating func startTurn(_ given: TurnInput) -> [EmulatorAction] {
        var actions = interruptReply()
        var input = given
        if let carried = carriedInput {
            carriedInput = nil
            input.texts = carried.texts + input.texts
            input.pictures = carried.pictures + input.pictures
            input.audio = carried.audio + input.audio
            input.otherAudioSeconds += carried.otherAudioSeconds
        }
        conversation.turnCount += 1
        let promptTokens = TokenEstimate.input(input)
        conversation.promptTokens += promptTokens
        let turn = conversation.turnCount
        reply = ActiveReply(turn: turn, input: input, promptTokens: promptTokens)
        if setup?.sessionResumption != nil {
            actions.append(
                .send(ServerMessage(.sessionResumptionUpdate(SessionResumptionUpdate(newHandle: "", resumable: false))))
            )
        }
        guard let model else { return actions }
        let request = ReplyRequest(
            turn: turn, input: input, modality: modality, transcribeInput: setup?.inputAudioTranscription != nil,
            transcribeOutput: setup?.outputAudioTranscription != nil,
            model: model, dialect: dialect, systemInstruction: Self.text(of: setup?.systemInstruction),
            functionNames: Self.functionNames(in: setup?.tools), history: conversation.history)
        actions.append(.startReply(request))
        return actions
    }

    /// Cuts the reply in progress short: `interrupted`, then `turnComplete`, no `generationComplete`.
    ///
    /// Only a reply in progress is interrupted, so `interrupted` only ever follows a model turn under way; a
    /// client counts it as the turn that did not answer (the input that cut it in gets the next).
    mutating func interruptReply() -> [EmulatorAction] {
        guard let current = reply else { return [] }
        reply = nil
        var actions: [EmulatorAction] = [.cancelReply(turn: current.turn)]
        actions.append(.send(ServerMessage(.serverContent(ServerContent(interrupted: true)))))
        actions.append(
            .send(
                ServerMessage(
                    .serverContent(ServerContent(turnComplete: true, interactionStatus: finalInteractionStatus)),
                    usageMetadata: usage(responseTokens: 0))))
        actions += resumptionUpdate()
        return actions
    }

    /// Drops a reply none of which went out, without a word, because the user is still speaking: its turn
    /// number is used again and its input is answered with the rest of the speech.
    mutating func dropReply() -> [EmulatorAction] {
        guard let current = reply else { return [] }
        reply = nil
        conversation.turnCount -= 1
        conversation.promptTokens -= current.promptTokens
        carriedInput = current.input
        return [.cancelReply(turn: current.turn)] + resumptionUpdate()
    }

    /// Takes up a reply that waited on a tool call when the previous connection ended (after a resume).
    public mutating func resumeReply(turn: Int) -> Bool {
        guard phase == .active, reply == nil else { return false }
        conversation.turnCount = max(conversation.turnCount, turn)
        // The call is asked again at once, so the turn is under way.
        reply = ActiveReply(turn: turn, underway: true, input: TurnInput(kind: .content), promptTokens: 0)
        return true
    }

    /// Records what was said in a turn once the reply's content is known.
    public mutating func replyComposed(turn: Int, userText: String, modelText: String) {
        guard reply?.turn == turn else { return }
        if !userText.isEmpty { conversation.history.append(.init(role: "user", text: userText)) }
        conversation.history.append(.init(role: "model", text: modelText))
    }

    /// Lets one message of the reply for `turn` out, unless that reply was interrupted.
    ///
    /// A `turnComplete` the reply sends itself (a turn completed while the task goes on, `IN_PROGRESS`) carries
    /// its response tokens in `usageMetadata.responseTokenCount`; the session completes the usage.
    public mutating func replyOutput(turn: Int, message: ServerMessage) -> [EmulatorAction] {
        guard phase == .active, reply?.turn == turn else { return [] }
        var message = message
        if let calls = message.toolCall?.functionCalls {
            for call in calls {
                if let id = call.id { reply?.waitingForTool.append(WaitingCall(id: id, name: call.name)) }
            }
        }
        if let content = message.serverContent {
            if content.modelTurn != nil || content.outputTranscription != nil { reply?.underway = true }
            if content.turnComplete == true {
                let tokens = message.usageMetadata?.responseTokenCount ?? 0
                conversation.promptTokens += tokens
                message.usageMetadata = usage(responseTokens: tokens)
            }
        } else if message.toolCall != nil {
            reply?.underway = true
        }
        return [.send(message)]
    }

    /// Ends the reply for `turn`: `generationComplete`, then `turnComplete` with usage, then a fresh handle.
    public mutating func replyFinished(turn: Int, responseTokens: Int) -> [EmulatorAction] {
        guard phase == .active, reply?.turn == turn else { return [] }
        reply = nil
        conversation.promptTokens += responseTokens
        var actions: [EmulatorAction] = [
            .send(ServerMessage(.serverContent(ServerContent(generationComplete: true)))),
            .send(
                ServerMessage(
                    .serverContent(ServerContent(turnComplete: true, interactionStatus: finalInteractionStatus)),
                    usageMetadata: usage(responseTokens: responseTokens))),
        ]
        actions += resumptionUpdate()
        if !queuedTurns.isEmpty {
            actions += startTurn(queuedTurns.removeFirst())
        }
        return actions
    }

    /// `IDLE` on the turn that ends a task, on models that report the interaction's status.
    var finalInteractionStatus: String? {
        model?.backgroundThinking == true ? "IDLE" : nil
    }

    func usage(responseTokens: Int) -> UsageMetadata {
        let prompt = max(conversation.promptTokens, 1)
        return dialect.usage(
            prompt: prompt, response: responseTokens, promptModality: modality == "TEXT" ? "TEXT" : "AUDIO",
            responseModality: modality)
    }

    /// The text parts of a system instruction, joined by spaces.
    static func text(of instruction: Content?) -> String {
        (instruction?.parts ?? []).compactMap(\.text).joined(separator: " ")
    }

    /// The names in `tools[].functionDeclarations[]` (either casing), in order.
    static func functionNames(in tools: [JSONValue]?) -> [String] {
        var names: [String] = []
        for tool in tools ?? [] {
            guard case .object(let members) = tool else { continue }
            for (key, value) in members where FieldSchema.camelCase(key) == "functionDeclarations" {
                guard case .array(let declarations) = value else { continue }
                names += declarations.compactMap { $0["name"]?.stringValue }
            }
        }
        return names
    }
}
