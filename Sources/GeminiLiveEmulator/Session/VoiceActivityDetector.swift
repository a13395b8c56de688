#if canImport(Glibc)
    import Glibc
#endif

/// An energy-based voice activity detector over 16 kHz mono PCM, configured like `automaticActivityDetection`.
///
/// Audio is cut into 20 ms frames. A frame is speech when its RMS level is above the start threshold
/// (-50 dBFS at `START_SENSITIVITY_HIGH`, -38 dBFS at LOW). Speech starts after `prefixPaddingMs` of speech
/// frames and ends after `silenceDurationMs` of frames below the threshold. The utterance handed back includes
/// 300 ms of audio before the start and the trailing silence, which helps the recogniser.
struct VoiceActivityDetector: Sendable, Equatable {
    /// Something the detector decided about the audio fed so far.
    enum Event: Sendable, Equatable {
        /// Speech began this many seconds into the stream.
        case speechStarted(offset: Double)
        /// Speech ended; the utterance's samples and where it ended, in seconds into the stream.
        case speechEnded(samples: [Int16], offset: Double)
    }

    static let sampleRate = 16_000
    static let frameLength = 320
    static let preRollFrames = 15

    let thresholdDB: Double
    let prefixFrames: Int
    let silenceFrames: Int

    private var pending: [Int16] = []
    private var preRoll: [[Int16]] = []
    private var utterance: [Int16] = []
    private var speaking = false
    private var speechRun = 0
    private var silenceRun = 0
    private var framesSeen = 0

    /// Creates a detector from the setup's settings (nil values take the service defaults).
    init(
        startSensitivity: String? = nil, endSensitivity: String? = nil, prefixPaddingMs: Int? = nil,
        silenceDurationMs: Int? = nil
    ) {
        let lowStart = startSensitivity?.uppercased().hasSuffix("LOW") ?? false
        let lowEnd = endSensitivity?.uppercased().hasSuffix("LOW") ?? false
        thresholdDB = lowStart ? -38 : -50
        let prefix = prefixPaddingMs ?? (lowStart ? 100 : 20)
        let silence = silenceDurationMs ?? (lowEnd ? 1200 : 700)
        prefixFrames = max(1, (prefix + 19) / 20)
        silenceFrames = max(1, (silence + 19) / 20)
    }

    /// How long silence must last to end speech (`silenceDurationMs`, in whole frames).
    var silenceDuration: Duration { .milliseconds(silenceFrames * 20) }

    /// Whether speech is in progress.
    var isSpeaking: Bool { speaking }

    /// Feeds samples; returns what was detected in them.
    mutating func feed(_ samples: [Int16]) -> [Event] {
        pending.append(contentsOf: samples)
        var events: [Event] = []
        var start = 0
        while pending.count - start >= Self.frameLength {
            let frame = Array(pending[start..<start + Self.frameLength])
            start += Self.frameLength
            if let event = process(frame) { events.append(event) }
        }
        pending.removeFirst(start)
        return events
    }

    /// Ends speech in progress now (`audioStreamEnd`).
    mutating func flush() -> [Event] {
        guard speaking else {
            pending.removeAll()
            return []
        }
        utterance.append(contentsOf: pending)
        pending.removeAll()
        return [endSpeech()]
    }

    private mutating func process(_ frame: [Int16]) -> Event? {
        framesSeen += 1
        let loud = Self.levelDB(frame) > thresholdDB
        if speaking {
            utterance.append(contentsOf: frame)
            silenceRun = loud ? 0 : silenceRun + 1
            return silenceRun >= silenceFrames ? endSpeech() : nil
        }
        preRoll.append(frame)
        if preRoll.count > Self.preRollFrames + prefixFrames { preRoll.removeFirst() }
        speechRun = loud ? speechRun + 1 : 0
        guard speechRun >= prefixFrames else { return nil }
        speaking = true
        silenceRun = 0
        utterance = preRoll.flatMap { $0 }
        preRoll.removeAll()
        let offset = Double((framesSeen - speechRun) * Self.frameLength) / Double(Self.sampleRate)
        return .speechStarted(offset: offset)
    }

    private mutating func endSpeech() -> Event {
        speaking = false
        speechRun = 0
        silenceRun = 0
        let samples = utterance
        utterance.removeAll()
        return .speechEnded(samples: samples, offset: Double(framesSeen * Self.frameLength) / Double(Self.sampleRate))
    }

    /// The RMS level of `frame` in dB relative to full scale.
    static func levelDB(_ frame: [Int16]) -> Double {
        guard !frame.isEmpty else { return -120 }
        var sum = 0.0
        for sample in frame {
            let value = Double(sample) / 32768
            sum += value * value
        }
        let rms = (sum / Double(frame.count)).squareRoot()
        return rms > 0 ? 20 * log10(rms) : -120
    }
}
