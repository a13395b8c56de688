import GeminiLiveProtocol

/// Turns and replies: starting, interrupting and finishing the model's answers.
extension EmulatedSession {
    /// Ends the user's turn and starts a reply, interrupting one in progress.
    mutating func startTurn(kind: TurnInput.Kind, audio: [Int16] = []) -> [EmulatorAction] {
        var actions = interruptReply()
        var input = carriedInput ?? TurnInput(kind: kind)
        carriedInput = nil
        input.kind = kind
        input.texts += conversation.pendingTexts
        input.pictures += conversation.pendingPictures
        input.audio += audio
        input.otherAudioSeconds += pendingOtherAudio
        conversation.pendingTexts.removeAll()
        conversation.pendingPictures.removeAll()
        pendingOtherAudio = 0
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
            transcribeOutput: setup?.outputAudioTranscription != nil, multiPartEvents: model.multiPartEvents,
            model: model, dialect: dialect, systemInstruction: Self.text(of: setup?.systemInstruction),
            functionNames: Self.functionNames(in: setup?.tools), history: conversation.history)
        actions.append(.startReply(request))
        return actions
    }

    /// Cuts the reply in progress short.
    ///
    /// A model turn under way ends with `interrupted`, then `turnComplete`, no `generationComplete`. A reply none
    /// of which went out yet is dropped without a word: `interrupted` only ever follows a model turn that was
    /// under way, and the dropped reply's input is answered with the next turn's (the user had not finished).
    mutating func interruptReply() -> [EmulatorAction] {
        guard let current = reply else { return [] }
        reply = nil
        var actions: [EmulatorAction] = [.cancelReply(turn: current.turn)]
        guard current.underway else {
            conversation.turnCount -= 1
            conversation.promptTokens -= current.promptTokens
            carriedInput = current.input
            return actions + resumptionUpdate()
        }
        actions.append(.send(ServerMessage(.serverContent(ServerContent(interrupted: true)))))
        actions.append(
            .send(
                ServerMessage(
                    .serverContent(ServerContent(turnComplete: true, interactionStatus: finalInteractionStatus)),
                    usageMetadata: usage(responseTokens: 0))))
        actions += resumptionUpdate()
        return actions
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
            reply?.waitingForTool += calls.filter { $0.id != nil }
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
            let next = queuedTurns.removeFirst()
            actions += startTurn(kind: next.kind, audio: next.audio)
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
