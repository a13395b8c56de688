import GeminiLiveProtocol

/// The walk over one attempt's frames that splits them into turns and hands each reply's output to the
/// turn it belongs to (the rules are on `RecordedAttempt`).
struct TurnSplitter {
    let speechThreshold: Double
    var turns: [TurnFacts] = []
    /// The turn whose reply is arriving.
    var openReply: Int?
    /// A reply cut short by `interrupted`, which may still take one bare `turnComplete`.
    var interruptedReply: Int?

    init(speechThreshold: Double) {
        self.speechThreshold = speechThreshold
    }

    mutating func client(_ message: ClientMessage, at time: Int) {
        switch message.kind {
        case .setup, .contextUpdate:
            // Configuration, not input: neither starts nor ends a user turn.
            break
        case .toolResponse:
            // The wait for our own tool is not a stall of the model's: the gap starts again here.
            if let open = openReply { turns[open].gapStart = time }
        case .clientContent(let content):
            input(at: time)
            if content.turnComplete == true { turns[turns.count - 1].endText(at: time) }
        case .realtimeInput(let realtime):
            if realtime.activityStart { input(at: time) }
            let blobs = [realtime.audio].compactMap { $0 } + (realtime.mediaChunks ?? [])
            for blob in blobs {
                if AudioMIME.pcmRate(blob.mimeType, absent: 16_000) != nil {
                    guard PCMLoudness.hasSample(in: blob.data, above: speechThreshold) else { continue }
                    input(at: time)
                    turns[turns.count - 1].lastVoiced = time
                } else {
                    input(at: time)
                }
            }
            if realtime.video != nil { input(at: time) }
            if realtime.text != nil {
                input(at: time)
                turns[turns.count - 1].endText(at: time)
            }
            if realtime.activityEnd || realtime.audioStreamEnd == true, !turns.isEmpty {
                turns[turns.count - 1].endMarker(at: time)
            }
        }
    }

    /// An input frame: part of the latest turn, or the first of a new one.
    mutating func input(at time: Int) {
        if let latest = turns.last, !latest.closed, !latest.replyStarted { return }
        var turn = TurnFacts(inputStart: time)
        turn.bargesIntoReply = openReply
        turns.append(turn)
    }

    mutating func server(_ message: ServerMessage, at time: Int) {
        guard !turns.isEmpty else { return }
        let latest = turns.count - 1
        if let transcription = message.serverContent?.inputTranscription {
            // The user's words belong to the turn being spoken, even while an earlier reply still plays.
            turns[latest].record(events: ["inputTranscription"], usage: nil)
            if let text = transcription.text, !text.isEmpty {
                turns[latest].firstInputTranscript = turns[latest].firstInputTranscript ?? time
                turns[latest].inputTranscript = (turns[latest].inputTranscript ?? "") + text
            }
        }
        let output = ReplyOutput(message)
        guard output.isModelOutput else {
            turns[openReply ?? latest].record(events: output.events, usage: message.usageMetadata)
            return
        }
        if let cut = interruptedReply {
            // What closes a cut reply (`generationComplete`, `turnComplete`) carries no content and is still
            // that reply's; the first frame with content begins the next one.
            guard output.carriesContent else {
                turns[cut].record(events: output.events, usage: message.usageMetadata)
                if output.turnComplete {
                    turns[cut].turnComplete = time
                    interruptedReply = nil
                }
                return
            }
            interruptedReply = nil
        }
        let owner: Int
        if let open = openReply {
            owner = open
        } else {
            owner = latest
            openReply = latest
            turns[latest].replyStarted = true
            turns[latest].gapStart = nil
        }
        turns[owner].apply(output, usage: message.usageMetadata, at: time)
        // Output of a reply that a later turn barged into: what a player would still play over the user.
        if owner != latest, turns[latest].bargesIntoReply == owner {
            turns[latest].audioAfterBargeIn += output.audioMilliseconds
            if output.interrupted {
                turns[latest].interruptedAt = turns[latest].interruptedAt ?? time
                turns[latest].cutPreviousReply = true
                turns[latest].record(events: ["interrupted"], usage: nil)
            }
        }
        if output.interrupted {
            openReply = nil
            interruptedReply = owner
        } else if output.turnComplete {
            openReply = nil
        }
    }

    /// A close frame: its code belongs to the turn in progress.
    mutating func close(code: Int?) {
        guard let code, !turns.isEmpty else { return }
        turns[turns.count - 1].closeCode = code
    }
}
