import GeminiLiveProtocol

/// Turns what the model says into the stream of messages the service would send.
///
/// TEXT replies become text parts of a few words each. AUDIO replies become espeak-ng speech at 24 kHz in the
/// service's fixed pieces, 9,600 bytes (200 ms) first and 11,520 bytes (240 ms) after that, sent in bursts of one
/// to four pieces at about twice real time after a half-second head start. `outputTranscription` fragments run
/// one piece ahead of the audio (in the same event on multi-part models, just before it otherwise). How the
/// messages look (role, MIME type, an empty first transcription) is the backend's `WireDialect`.
struct ReplyRenderer {
    /// Samples in the first piece of reply audio: 200 ms at 24 kHz, 9,600 bytes.
    static let firstPieceSamples = 4_800
    /// Samples in every later piece: 240 ms at 24 kHz, 11,520 bytes.
    static let pieceSamples = 5_760

    var modality: String
    var transcribeOutput: Bool
    var multiPartEvents: Bool
    var dialect: WireDialect = .geminiAPI
    /// Seeds the burst lengths, so a given turn always streams the same way.
    var seed: UInt64

    /// The steps for saying `text`, and the response tokens it costs.
    ///
    /// `continuing` says the turn already said something (a `say` after a tool call): the first words then
    /// start with a space, as every later fragment does, so a reader that joins the fragments gets words apart.
    func render(_ text: String, continuing: Bool = false, speech: (String) -> [Int16]) -> (
        steps: [ReplyStep], tokens: Int
    ) {
        modality == "TEXT"
            ? renderText(text, continuing: continuing)
            : renderAudio(text, samples: speech(text), continuing: continuing)
    }

    func renderText(_ text: String, continuing: Bool = false) -> (steps: [ReplyStep], tokens: Int) {
        var steps: [ReplyStep] = []
        for (position, piece) in Self.pieces(of: text, wordsEach: 3).enumerated() {
            if position > 0 { steps.append(.pause(.milliseconds(15))) }
            let content = dialect.modelTurn([Part(text: position == 0 && continuing ? " " + piece : piece)])
            steps.append(.message(ServerMessage(.serverContent(ServerContent(modelTurn: content)))))
        }
        return (steps, TokenEstimate.text(text))
    }

    /// `samples` cut into the service's pieces: 200 ms, then 240 ms each (the last one shorter).
    static func audioPieces(_ samples: [Int16]) -> [ArraySlice<Int16>] {
        var pieces: [ArraySlice<Int16>] = []
        var start = 0
        while start < samples.count {
            let length = pieces.isEmpty ? firstPieceSamples : pieceSamples
            pieces.append(samples[start..<min(samples.count, start + length)])
            start += length
        }
        return pieces
    }

    func renderAudio(_ text: String, samples: [Int16], continuing: Bool = false) -> (steps: [ReplyStep], tokens: Int) {
        var generator = SplitMix(seed: seed)
        let chunks = Self.audioPieces(samples)
        let words = text.split(separator: " ").map(String.init)
        var steps: [ReplyStep] = []
        if transcribeOutput, dialect.opensWithEmptyOutputTranscription, !continuing {
            let empty = ServerContent(outputTranscription: Transcription(text: nil))
            steps.append(.message(ServerMessage(.serverContent(empty))))
        }
        var wordsSent = 0
        var sentSeconds = 0.0
        var burstSeconds = 0.0
        var burstLeft = Int(generator.next(in: 1...4))
        for (index, chunk) in chunks.enumerated() {
            let blob = Blob(mimeType: dialect.replyAudioMIME, data: Self.littleEndian(chunk))
            let audio = ServerContent(modelTurn: dialect.modelTurn([Part(inlineData: blob)]))
            // Words due by the end of the next chunk, in proportion to the audio: the transcript runs ahead.
            let ahead = min(chunks.count, index + 2)
            let due = transcribeOutput ? (words.count * ahead + chunks.count - 1) / chunks.count : 0
            var fragment: Transcription?
            if due > wordsSent {
                let text = words[wordsSent..<due].joined(separator: " ")
                fragment = Transcription(text: wordsSent == 0 && !continuing ? text : " " + text)
                wordsSent = due
            }
            if multiPartEvents, let fragment {
                var combined = audio
                combined.outputTranscription = fragment
                steps.append(.message(ServerMessage(.serverContent(combined))))
            } else {
                if let fragment {
                    steps.append(.message(ServerMessage(.serverContent(ServerContent(outputTranscription: fragment)))))
                }
                steps.append(.message(ServerMessage(.serverContent(audio))))
            }
            let seconds = Double(chunk.count) / 24_000
            sentSeconds += seconds
            burstSeconds += seconds
            burstLeft -= 1
            if burstLeft == 0, sentSeconds > 0.5 {
                steps.append(.pause(.milliseconds(Int(burstSeconds * 500))))
                burstSeconds = 0
                burstLeft = Int(generator.next(in: 1...4))
            } else if burstLeft <= 0 {
                burstLeft = Int(generator.next(in: 1...4))
            }
        }
        if transcribeOutput, wordsSent < words.count {
            let rest = words[wordsSent...].joined(separator: " ")
            let fragment = Transcription(text: wordsSent == 0 && !continuing ? rest : " " + rest)
            steps.append(.message(ServerMessage(.serverContent(ServerContent(outputTranscription: fragment)))))
        }
        return (steps, TokenEstimate.audio(seconds: Double(samples.count) / 24_000))
    }

    /// `text` in pieces of `wordsEach` words, spaces kept so the pieces join back to the text.
    static func pieces(of text: String, wordsEach: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var words = 0
        for character in text {
            if character == " ", words >= wordsEach {
                pieces.append(current)
                current = ""
                words = 0
            }
            if character == " " { words += 1 }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static func littleEndian(_ samples: ArraySlice<Int16>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(bits & 0xFF))
            bytes.append(UInt8(bits >> 8))
        }
        return bytes
    }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<UInt64>) -> UInt64 {
        range.lowerBound + next() % (range.upperBound - range.lowerBound + 1)
    }
}
