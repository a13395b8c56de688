import GeminiLiveProtocol

/// Turns and replies: starting, interrupting and finishing the model's answers.
extension EmulatedSession {
    /// Ends the user's turn and starts a reply, interrupting one in progress.
    mutating func startTurn(kind: TurnInput.Kind, audio: [Int16] = []) -> [EmulatorAction] {
        var actions = interruptReply()
        var input = TurnInput(kind: kind)
        input.texts = conversation.pendingTexts
        input.pictures = conversation.pendingPictures
        input.audio = audio
        input.otherAudioSeconds = pendingOtherAudio
        conversation.pendingTexts.removeAll()
        conversation.pendingPictures.removeAll()
        pendingOtherAudio = 0
        conversation.turnCount += 1
        conversation.promptTokens += TokenEstimate.input(input)
        let turn = conversation.turnCount
        reply = ActiveReply(turn: turn)
        if setup?.sessionResumption != nil {
            actions.append(
                .send(ServerMessage(.sessionResumptionUpdate(SessionResumptionUpdate(newHandle: "", resumable: false))))
            )
        }
        let request = ReplyRequest(
            turn: turn, input: input, modality: modality, transcribeInput: setup?.inputAudioTranscription != nil,
            transcribeOutput: setup?.outputAudioTranscription != nil, multiPartEvents: model?.multiPartEvents ?? false,
            history: conversation.history)
        actions.append(.startReply(request))
        return actions
    }

    /// Cuts the reply in progress short: `interrupted`, then `turnComplete`, no `generationComplete`.
    mutating func interruptReply() -> [EmulatorAction] {
        guard let current = reply else { return [] }
        reply = nil
        var actions: [EmulatorAction] = [.cancelReply(turn: current.turn)]
        actions.append(.send(ServerMessage(.serverContent(ServerContent(interrupted: true)))))
        actions.append(
            .send(
                ServerMessage(
                    .serverContent(ServerContent(turnComplete: true)), usageMetadata: usage(responseTokens: 0))))
        actions += resumptionUpdate()
        return actions
    }

    /// Takes up a reply that waited on a tool call when the previous connection ended (after a resume).
    public mutating func resumeReply(turn: Int) -> Bool {
        guard phase == .active, reply == nil else { return false }
        conversation.turnCount = max(conversation.turnCount, turn)
        reply = ActiveReply(turn: turn)
        return true
    }

    /// Records what was said in a turn once the reply's content is known.
    public mutating func replyComposed(turn: Int, userText: String, modelText: String) {
        guard reply?.turn == turn else { return }
        if !userText.isEmpty { conversation.history.append(.init(role: "user", text: userText)) }
        conversation.history.append(.init(role: "model", text: modelText))
    }

    /// Lets one message of the reply for `turn` out, unless that reply was interrupted.
    public mutating func replyOutput(turn: Int, message: ServerMessage) -> [EmulatorAction] {
        guard phase == .active, reply?.turn == turn else { return [] }
        if let calls = message.toolCall?.functionCalls {
            for call in calls {
                if let id = call.id { reply?.waitingForTool.append(WaitingCall(id: id, name: call.name)) }
            }
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
                    .serverContent(ServerContent(turnComplete: true)),
                    usageMetadata: usage(responseTokens: responseTokens))),
        ]
        actions += resumptionUpdate()
        if !queuedTurns.isEmpty {
            let next = queuedTurns.removeFirst()
            actions += startTurn(kind: next.kind, audio: next.audio)
        }
        return actions
    }

    func usage(responseTokens: Int) -> UsageMetadata {
        let prompt = max(conversation.promptTokens, 1)
        return UsageMetadata(
            promptTokenCount: prompt, responseTokenCount: responseTokens, totalTokenCount: prompt + responseTokens,
            promptTokensDetails: [
                ["modality": .string(modality == "TEXT" ? "TEXT" : "AUDIO"), "tokenCount": .number(JSONNumber(prompt))]
            ],
            responseTokensDetails: [["modality": .string(modality), "tokenCount": .number(JSONNumber(responseTokens))]])
    }
}
