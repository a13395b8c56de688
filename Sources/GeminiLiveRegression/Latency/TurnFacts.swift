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
    var turnComplete: Int?
    var audioMilliseconds = 0.0
    var gapStart: Int?
    var maxGap: Int?
    var interruptedAt: Int?
    var audioAfterBargeIn = 0.0

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

    mutating func apply(_ output: ReplyOutput, at time: Int) {
        if let start = gapStart { maxGap = max(maxGap ?? 0, time - start) }
        if maxGap == nil { maxGap = 0 }
        gapStart = time
        if output.hasAudio {
            firstAudio = firstAudio ?? time
            lastAudio = time
            audioMilliseconds += output.audioMilliseconds
        }
        if output.hasText { firstText = firstText ?? time }
        if output.hasOutputTranscript { firstOutputTranscript = firstOutputTranscript ?? time }
        if output.hasToolCall { toolCall = toolCall ?? time }
        // The last one: a reply resumed after a tool response may have completed a turn before.
        if output.turnComplete { turnComplete = time }
    }

    var timeline: TurnTimeline {
        let end: (Int, TurnTimeline.InputEnd)? =
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
        return TurnTimeline(
            inputStart: inputStart, inputEnd: end?.0, inputEndSource: end?.1, isBargeIn: bargesIntoReply != nil,
            latency: latency)
    }
}
