import GeminiLiveProtocol

/// What is known of one turn while the frames are read.
struct TurnFacts {
    let inputStart: Int
    var marker: Int?
    var textEnd: Int?
    var lastVoiced: Int?
    var closed = false
    var replyStarted = false
    var bargesIntoReply: Int?
    var firstInputTranscript: Int?
    var firstOutputTranscript: Int?
    var firstAudio: Int?
    var lastAudio: Int?
    var firstText: Int?
    var toolCall: Int?
    var generationComplete: Int?
    var turnComplete: Int?
    var audioMilliseconds = 0.0
    var gapStart: Int?
    var maxGap: Int?
    var interruptedAt: Int?
    var audioAfterBargeIn = 0.0
    var inputTranscript: String?
    var outputTranscript: String?
    var text: String?
    var calls: [JSONValue] = []
    var events: [String] = []
    /// `interrupted` cut this turn's own reply.
    var replyCut = false
    /// `interrupted` cut the reply this turn barged into.
    var cutPreviousReply = false
    var usage: JSONValue?
    var closeCode: Int?

    init(inputStart: Int) {
        self.inputStart = inputStart
    }

    mutating func endMarker(at time: Int) {
        if marker == nil { marker = time }
        closed = true
    }

    mutating func endText(at time: Int) {
        if textEnd == nil { textEnd = time }
        closed = true
    }

    /// Adds event names, a run of the same name counting once (fifty audio chunks are one `modelTurn`).
    mutating func record(events names: [String], usage: UsageMetadata?) {
        for name in names where events.last != name { events.append(name) }
        // The service reports running totals; the last report of the turn is its figure.
        if let usage { self.usage = usage.json }
    }

    mutating func apply(_ output: ReplyOutput, usage: UsageMetadata?, at time: Int) {
        if let start = gapStart { maxGap = max(maxGap ?? 0, time - start) }
        if maxGap == nil { maxGap = 0 }
        gapStart = time
        record(events: output.events, usage: usage)
        if output.hasAudio {
            firstAudio = firstAudio ?? time
            lastAudio = time
            audioMilliseconds += output.audioMilliseconds
        }
        if !output.text.isEmpty {
            firstText = firstText ?? time
            text = (text ?? "") + output.text
        }
        if !output.outputTranscript.isEmpty {
            firstOutputTranscript = firstOutputTranscript ?? time
            outputTranscript = (outputTranscript ?? "") + output.outputTranscript
        }
        if output.hasToolCall { toolCall = toolCall ?? time }
        calls += output.calls
        if output.generationComplete { generationComplete = generationComplete ?? time }
        if output.interrupted { replyCut = true }
        // The last one: a reply resumed after a tool response may have completed a turn before.
        if output.turnComplete { turnComplete = time }
    }

    var turn: RecordedTurn {
        let end: (Int, RecordedTurn.InputEnd)? =
            marker.map { ($0, .marker) } ?? textEnd.map { ($0, .text) } ?? lastVoiced.map { ($0, .speech) }
        var latency: [LatencyMetric: Double] = [:]
        func milliseconds(_ from: Int, _ to: Int?) -> Double? { to.map { Double($0 - from) / 1000 } }
        if let anchor = end?.0 {
            latency[.firstInputTranscript] = milliseconds(anchor, firstInputTranscript)
            latency[.firstOutputTranscript] = milliseconds(anchor, firstOutputTranscript)
            latency[.firstAudio] = milliseconds(anchor, firstAudio)
            latency[.firstText] = milliseconds(anchor, firstText)
            latency[.toolCall] = milliseconds(anchor, toolCall)
            latency[.turnComplete] = milliseconds(anchor, turnComplete)
        }
        if bargesIntoReply != nil {
            latency[.interrupted] = milliseconds(inputStart, interruptedAt)
            latency[.audioAfterBargeIn] = audioAfterBargeIn
        }
        if let first = firstAudio, let last = lastAudio, last > first {
            latency[.realTimeFactor] = audioMilliseconds / (Double(last - first) / 1000)
        }
        latency[.maxGap] = maxGap.map { Double($0) / 1000 }
        // Complete means the model finished generating before the turn ended, and nothing cut it short.
        let complete =
            !replyCut && generationComplete != nil && turnComplete != nil && generationComplete! <= turnComplete!
        return RecordedTurn(
            inputStart: inputStart, inputEnd: end?.0, inputEndSource: end?.1, isBargeIn: bargesIntoReply != nil,
            latency: latency,
            reply: RecordedTurn.Reply(
                inputTranscript: inputTranscript, outputTranscript: outputTranscript, text: text, calls: calls,
                events: events, audioMilliseconds: audioMilliseconds, interrupted: replyCut || cutPreviousReply,
                responded: replyStarted, notTruncated: complete, usage: usage, closeCode: closeCode))
    }
}
