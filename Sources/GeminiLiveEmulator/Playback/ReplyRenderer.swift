import GeminiLiveProtocol

/// Turns what the model says into the stream of messages the service would send.
///
/// TEXT replies become text parts of a few words each. AUDIO replies become espeak-ng speech at 24 kHz in
/// uneven 20-120 ms pieces, sent in bursts at about twice real time after a half-second head start, with
/// `outputTranscription` fragments spread over them (in the same event on multi-part models, separate otherwise).
struct ReplyRenderer {
    var modality: String
    var transcribeOutput: Bool
    var multiPartEvents: Bool
    /// Seeds the chunk sizes, so a given turn always streams the same way.
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
            let content = Content(role: "model", parts: [Part(text: position == 0 && continuing ? " " + piece : piece)])
            steps.append(.message(ServerMessage(.serverContent(ServerContent(modelTurn: content)))))
        }
        return (steps, TokenEstimate.text(text))
    }

    func renderAudio(_ text: String, samples: [Int16], continuing: Bool = false) -> (steps: [ReplyStep], tokens: Int) {
        var generator = SplitMix(seed: seed)
        var chunks: [ArraySlice<Int16>] = []
        var start = 0
        while start < samples.count {
            let length = Int(generator.next(in: 20...120)) * 24
            chunks.append(samples[start..<min(samples.count, start + length)])
            start += length
        }
        let words = text.split(separator: " ").map(String.init)
        var steps: [ReplyStep] = []
        var wordsSent = 0
        var sentSeconds = 0.0
        var burstSeconds = 0.0
        var burstLeft = Int(generator.next(in: 1...4))
        for (index, chunk) in chunks.enumerated() {
            let blob = Blob(mimeType: "audio/pcm;rate=24000", data: Self.littleEndian(chunk))
            let audio = ServerContent(modelTurn: Content(role: "model", parts: [Part(inlineData: blob)]))
            // Words due by the end of this chunk, in proportion to the audio sent.
            let due = transcribeOutput ? (words.count * (index + 1) + chunks.count - 1) / chunks.count : 0
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
                steps.append(.message(ServerMessage(.serverContent(audio))))
                if let fragment {
                    steps.append(.message(ServerMessage(.serverContent(ServerContent(outputTranscription: fragment)))))
                }
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
            let rest = Transcription(text: " " + words[wordsSent...].joined(separator: " "))
            steps.append(.message(ServerMessage(.serverContent(ServerContent(outputTranscription: rest)))))
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
