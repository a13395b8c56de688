import GeminiLiveProtocol

/// Follows server messages turn by turn and says what happened, without doing any I/O.
///
/// A turn is everything from the first content after the previous `turnComplete` up to and
/// including the next `turnComplete`. Input transcription belongs to the turn it prompts.
public struct TurnAssembler: Sendable {
    /// The reply rate when an audio part's MIME type carries none (the service's output rate).
    public static let defaultRate = 24_000

    private var current: TurnRecord
    /// The last MIME type seen and its rate: replies repeat one type, and parsing it per chunk showed in profiles.
    private var lastMimeType: (text: String, rate: Int?)?
    private var started = false
    /// Inline data parts of the turn so far, folded into its `parts` when it ends.
    private var inlineDataParts = 0
    private let includeThoughts: Bool
    /// Turns completed so far.
    public private(set) var completedTurns = 0
    /// Parts of the last consumed message that could not be used (the rest of it was); empty when all was well.
    public private(set) var problems: [String] = []
    /// Usage summed over all turns.
    public private(set) var totalUsage = UsageTotals()

    /// `includeThoughts` adds `thought: true` text to the words.
    public init(includeThoughts: Bool = false) {
        self.includeThoughts = includeThoughts
        current = TurnRecord(index: 1)
    }

    /// The events one message produces.
    public mutating func consume(_ message: ServerMessage) -> [ReplyEvent] {
        problems.removeAll(keepingCapacity: true)
        var events: [ReplyEvent] = []
        switch message.kind {
        case .serverContent(let content)?:
            consume(content, into: &events)
        case .toolCall(let call)?:
            started = true
            current.toolCalls += call.functionCalls
            events.append(.toolCall(call.functionCalls))
        case .toolCallCancellation(let cancellation)?:
            current.cancelledToolCallIDs += cancellation.ids
            events.append(.toolCallCancellation(cancellation.ids))
        default:
            break
        }
        if let usage = message.usageMetadata {
            current.usage = usage
            totalUsage.add(usage)
        }
        if let content = message.serverContent, content.turnComplete == true {
            if let status = content.interactionStatus, !InteractionStatus.meansDone(status) {
                events.append(.turnContinues(interactionStatus: status))
            } else {
                events.append(.turnEnded(endTurn()))
            }
        }
        return events
    }

    /// What an inline data part amounts to.
    public enum InlineDataUse: Sendable, Equatable {
        /// Audio to play at this rate.
        case audio(rate: Int)
        /// A part no output renders (a picture): its kind for the reports, e.g. `inlineData image/jpeg`.
        case otherPart(String)
        /// Audio that cannot be used; `problems` says why.
        case unusable
    }

    /// What `consume` does with an inline data part (part `partIndex` of its message) of `byteCount` bytes,
    /// without the message being built. The event `consume` would return is the bytes at the rate, or the
    /// other part.
    public mutating func consumeInlineData(mimeType: String, byteCount: Int, partIndex: Int = 0) -> InlineDataUse {
        problems.removeAll(keepingCapacity: true)
        started = true
        return inlineData(mimeType: mimeType, byteCount: byteCount, partIndex: partIndex)
    }

    /// The one rule for an inline data part, for both ways in.
    private mutating func inlineData(mimeType: String, byteCount: Int, partIndex: Int) -> InlineDataUse {
        // Counted apart from `current.parts` (a dictionary) because this runs for every audio chunk.
        inlineDataParts += 1
        if let rate = audioRate(mimeType: mimeType, byteCount: byteCount, partIndex: partIndex) {
            return .audio(rate: rate)
        }
        // A picture, say: no output renders it, so it is named rather than dropped.
        return mimeType.lowercased().hasPrefix("audio/") ? .unusable : .otherPart("inlineData \(mimeType)")
    }

    /// Ends a turn cut off by the end of the stream, if one was under way.
    public mutating func finish() -> ReplyEvent? {
        guard started else { return nil }
        current.incomplete = true
        return .turnEnded(endTurn())
    }

    private mutating func consume(_ content: ServerContent, into events: inout [ReplyEvent]) {
        started = true
        if let transcript = content.inputTranscription?.text, !transcript.isEmpty {
            current.inputTranscript += transcript
            events.append(.userWords(transcript))
        }
        for (index, part) in (content.modelTurn?.parts ?? []).enumerated() {
            let kind = Self.kind(of: part)
            // Inline data is counted by `inlineData(mimeType:byteCount:partIndex:)`.
            if kind != "inlineData" { current.parts[kind, default: 0] += 1 }
            if let text = part.text {
                if part.thought == true {
                    current.thoughts += text
                    if includeThoughts { events.append(.words(text)) }
                } else {
                    current.text += text
                    events.append(.words(text))
                }
            } else if let blob = part.inlineData {
                audio(blob, partIndex: index, into: &events)
            } else if let code = part.executableCode {
                let text = code["code"]?.stringValue ?? String(decoding: code.compactBytes, as: UTF8.self)
                current.code.append(text)
                events.append(.code(text))
            } else if let result = part.codeExecutionResult {
                let text = result["output"]?.stringValue ?? String(decoding: result.compactBytes, as: UTF8.self)
                current.codeResults.append(text)
                events.append(.codeResult(text))
            } else {
                events.append(.otherPart(kind))
            }
        }
        if let transcript = content.outputTranscription?.text, !transcript.isEmpty {
            current.outputTranscript += transcript
            // Spoken words stream out only when the turn has no text parts, which would say the same.
            if current.text.isEmpty { events.append(.words(transcript)) }
        }
        if content.interrupted == true { current.interrupted = true }
        if content.generationComplete == true { current.generationComplete = true }
        if let reason = content.turnCompleteReason { current.turnCompleteReason = reason }
        if let status = content.interactionStatus { current.interactionStatus = status }
    }

    /// A part's kind: the member that makes it what it is, or for a kind this version does not model, the
    /// names of its members (a `thoughtSignature` alone included).
    static func kind(of part: Part) -> String {
        if part.text != nil { return "text" }
        if part.inlineData != nil { return "inlineData" }
        if part.executableCode != nil { return "executableCode" }
        if part.codeExecutionResult != nil { return "codeExecutionResult" }
        if part.functionCall != nil { return "functionCall" }
        if part.fileData != nil { return "fileData" }
        let names = part.unknownFields.keys.sorted()
        return names.isEmpty ? "empty" : names.joined(separator: "+")
    }

    private mutating func audio(_ blob: Blob, partIndex: Int, into events: inout [ReplyEvent]) {
        switch inlineData(mimeType: blob.mimeType, byteCount: blob.data.count, partIndex: partIndex) {
        case .audio(let rate): events.append(.audio(part: partIndex, byteCount: blob.data.count, rate: rate))
        case .otherPart(let kind): events.append(.otherPart(kind))
        case .unusable: break
        }
    }

    /// Counts an audio part into the turn and returns its rate; nil (with a problem when it looked like audio)
    /// when the part cannot be played.
    private mutating func audioRate(mimeType: String, byteCount: Int, partIndex: Int) -> Int? {
        // Built only for a problem: this runs for every audio chunk.
        func location() -> String { "modelTurn.parts[\(partIndex)].inlineData" }
        let rate: Int?
        if let last = lastMimeType, last.text == mimeType {
            rate = last.rate
        } else {
            rate = Self.pcmRate(mimeType)
            lastMimeType = (mimeType, rate)
        }
        guard let rate else {
            if mimeType.lowercased().hasPrefix("audio/pcm") {
                problems.append("\(location()): no usable sample rate in '\(mimeType)' (1000 to 384000 Hz)")
            } else if mimeType.lowercased().hasPrefix("audio/") {
                problems.append("\(location()): unsupported audio type '\(mimeType)' (expected audio/pcm)")
            }
            return nil
        }
        guard byteCount % 2 == 0 else {
            problems.append("\(location()): \(byteCount) bytes is not a whole number of 16-bit samples")
            return nil
        }
        if current.audioRate == nil { current.audioRate = rate }
        current.audioSamples += byteCount / 2 * (current.audioRate ?? rate) / rate
        return rate
    }

    private mutating func endTurn() -> TurnRecord {
        var finished = current
        if inlineDataParts > 0 { finished.parts["inlineData", default: 0] += inlineDataParts }
        inlineDataParts = 0
        completedTurns += 1
        current = TurnRecord(index: finished.index + 1)
        started = false
        return finished
    }

    /// The rate in `audio/pcm;rate=N`; 24 kHz when absent; nil for other types and unusable rates.
    public static func pcmRate(_ mimeType: String) -> Int? { AudioMIME.pcmRate(mimeType, absent: defaultRate) }
}
