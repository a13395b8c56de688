import GeminiLiveMedia
import GeminiLiveProtocol

extension EmulatedSession {
    /// Handles `realtimeInput`: audio through the voice activity detector, pictures, text, activity markers.
    mutating func handleRealtime(_ input: RealtimeInput) -> [EmulatorAction] {
        var actions: [EmulatorAction] = []
        if let chunks = input.mediaChunks, !chunks.isEmpty {
            guard model?.acceptsMediaChunks == true else { return close(.mediaChunksDeprecated) }
            // Only the first chunk is used, as the proto says.
            actions += media(chunks[0])
        }
        if let audio = input.audio { actions += media(audio) }
        if let video = input.video { actions += media(video) }
        if input.activityStart {
            guard vad == nil else { return close(.invalidArgument) }
            manualActivity = true
            utteranceStartIndex = clientMessageCount - 1
            manualAudio.removeAll()
            actions += barge(bySpeech: false)
        }
        if input.activityEnd {
            guard vad == nil else { return close(.invalidArgument) }
            if manualActivity {
                manualActivity = false
                utteranceStartIndex = nil
                let audio = manualAudio
                manualAudio.removeAll()
                actions += endUserTurn(kind: .audio, audio: audio)
            }
        }
        if input.audioStreamEnd == true, var detector = vad {
            let events = detector.flush()
            vad = detector
            actions += vadActions(events)
        }
        if let text = input.text {
            conversation.pendingTexts.append(text)
            actions += endUserTurn(kind: .text)
        }
        return actions
    }

    /// One media blob: PCM audio or a still picture.
    mutating func media(_ blob: Blob) -> [EmulatorAction] {
        if blob.mimeType.lowercased().hasPrefix("image/") {
            conversation.pendingPictures.append(Self.picture(blob))
            return []
        }
        guard blob.mimeType.lowercased().hasPrefix("audio/") else { return [] }
        let samples = resample(blob)
        audioMessages += 1
        if var detector = vad {
            let events = detector.feed(samples)
            vad = detector
            return vadActions(events) + armIdleTimer()
        }
        if manualActivity { manualAudio.append(contentsOf: samples) }
        return []
    }

    /// While speech is in progress, a timer that ends it if the client's audio stops (`audioStreamIdle`).
    mutating func armIdleTimer() -> [EmulatorAction] {
        guard idleTimerArmedAt == nil, let detector = vad, detector.isSpeaking else { return [] }
        idleTimerArmedAt = audioMessages
        return [.schedule(.audioStreamIdle, after: detector.silenceDuration)]
    }

    /// The idle timer fired: with no audio since it was set, the stream has ended and so has the speech;
    /// otherwise it is set again. So speech ends between one and two silence durations after the last audio.
    mutating func audioStreamIdle() -> [EmulatorAction] {
        guard let armedAt = idleTimerArmedAt else { return [] }
        idleTimerArmedAt = nil
        guard audioMessages == armedAt, var detector = vad else { return armIdleTimer() }
        let events = detector.flush()
        vad = detector
        return vadActions(events)
    }

    /// Audio as 16 kHz mono samples, resampled with soxr when the MIME type names another rate.
    mutating func resample(_ blob: Blob) -> [Int16] {
        let rate = AudioMIME.rate(of: blob.mimeType) ?? 16_000
        var samples = [Int16](repeating: 0, count: blob.data.count / 2)
        for index in samples.indices {
            samples[index] = Int16(bitPattern: UInt16(blob.data[2 * index]) | UInt16(blob.data[2 * index + 1]) << 8)
        }
        guard rate != 16_000, rate > 0 else { return samples }
        if resamplers[rate] == nil { resamplers[rate] = try? Resampler(inputRate: rate, outputRate: 16_000) }
        guard let resampler = resamplers[rate],
            let output = try? resampler.process(samples.map { Float($0) / 32768 })
        else { return samples }
        return SampleConversion.quantised(output)
    }

    /// What voice activity means for the conversation: speech start may interrupt, speech end ends the turn.
    mutating func vadActions(_ events: [VoiceActivityDetector.Event]) -> [EmulatorAction] {
        var actions: [EmulatorAction] = []
        for event in events {
            switch event {
            case .speechStarted(let offset):
                utteranceStartIndex = utteranceStartIndex ?? max(0, clientMessageCount - 1)
                actions += voiceActivity("ACTIVITY_START", offset: offset)
                actions += barge(bySpeech: true)
            case .speechEnded(let samples, let offset):
                utteranceStartIndex = nil
                actions += voiceActivity("ACTIVITY_END", offset: offset)
                actions += endUserTurn(kind: .audio, audio: samples)
            }
        }
        return actions
    }

    /// A `voiceActivity` event, on models that send them.
    func voiceActivity(_ type: String, offset: Double) -> [EmulatorAction] {
        guard model?.voiceActivityEvents == true else { return [] }
        let event = VoiceActivity(type: type, audioOffset: ProtoDuration.string(seconds: offset))
        return [.send(ServerMessage(.voiceActivity(event)))]
    }

    /// New user activity during a reply interrupts it, unless `activityHandling` is `NO_INTERRUPTION`.
    ///
    /// Speech the VAD hears before any of the reply went out means the user had not finished (one utterance
    /// with a pause the VAD took for its end): the reply is dropped without a word and its input is heard again
    /// with the rest (`dropReply`), rather than answered with `interrupted` and an empty turn. An explicit
    /// `activityStart` interrupts as a new turn does.
    mutating func barge(bySpeech: Bool) -> [EmulatorAction] {
        guard !noInterruption, let current = reply else { return [] }
        if bySpeech, !current.underway { return dropReply() }
        return interruptReply()
    }

    var noInterruption: Bool {
        setup?.realtimeInputConfig?.activityHandling?.uppercased() == "NO_INTERRUPTION"
    }
}
