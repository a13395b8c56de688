import Testing

@testable import GeminiLiveProtocol

/// Seeded differential fuzzing of the fast path against the full parser: valid messages in random layouts, then
/// whitespace inserted, bytes flipped, replaced, dropped or cut off. Whenever a recogniser matches, what it builds
/// must be the full parser's message for the same bytes.
struct FastPathFuzzTests {
    static let mimeTypes = ["audio/pcm;rate=24000", "audio/pcm", "", "image/jpeg", "a b;c=d"]
    static let texts = ["hi", "", "caf\u{e9} \u{1F600}", "quote \" and \\ and \n", "model"]
    static let interesting = Array("{}[]\",: \n\t\r\\/=+-_Aa0tfeu".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]

    static func blob(using generator: inout SeededGenerator) -> Blob {
        Blob(
            mimeType: mimeTypes.randomElement(using: &generator)!,
            data: (0..<generator.below(10)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func flag(using generator: inout SeededGenerator) -> Bool? {
        [nil, nil, true, false].randomElement(using: &generator)!
    }

    static func transcription(using generator: inout SeededGenerator) -> Transcription? {
        guard Bool.random(using: &generator) else { return nil }
        return Transcription(
            text: Bool.random(using: &generator) ? texts.randomElement(using: &generator)! : nil,
            finished: flag(using: &generator))
    }

    static func serverMessage(using generator: inout SeededGenerator) -> ServerMessage {
        var content = ServerContent(
            turnComplete: flag(using: &generator), generationComplete: flag(using: &generator),
            interrupted: flag(using: &generator), inputTranscription: transcription(using: &generator),
            outputTranscription: transcription(using: &generator), waitingForInput: flag(using: &generator))
        if generator.below(5) > 0 {
            let parts = (0..<generator.below(4)).map { _ in
                switch generator.below(4) {
                case 0: Part(text: texts.randomElement(using: &generator)!)
                case 1: Part(text: texts.randomElement(using: &generator)!, thought: true)
                default: Part(inlineData: blob(using: &generator))
                }
            }
            content.modelTurn = Content(role: Bool.random(using: &generator) ? "model" : nil, parts: parts)
        }
        return ServerMessage(.serverContent(content))
    }

    static func clientMessage(using generator: inout SeededGenerator) -> ClientMessage {
        let blob = blob(using: &generator)
        let input =
            switch generator.below(3) {
            case 0: RealtimeInput(audio: blob)
            case 1: RealtimeInput(video: blob)
            default: RealtimeInput(mediaChunks: [blob])
            }
        return ClientMessage(.realtimeInput(input))
    }

    static func layout(_ json: JSONValue, using generator: inout SeededGenerator) -> [UInt8] {
        var json = json
        if Bool.random(using: &generator) { json = JSONLayout.shuffled(json, using: &generator) }
        if generator.below(4) == 0 { json = JSONLayout.snakeCased(json) }
        return JSONLayout.all.randomElement(using: &generator)!.render(json)
    }

    /// Zero to three random edits; the count is returned so unedited values can be held to a stricter rule.
    static func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) -> Int {
        let edits = max(0, generator.below(5) - 1)
        for _ in 0..<edits {
            guard !bytes.isEmpty else { break }
            let position = generator.below(bytes.count)
            switch generator.below(6) {
            case 0: bytes.insert([0x20, 0x0A, 0x09, 0x0D].randomElement(using: &generator)!, at: position)
            case 1: bytes[position] ^= 1 << UInt8(generator.below(8))
            case 2: bytes[position] = interesting.randomElement(using: &generator)!
            case 3: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
            case 4: bytes.remove(at: position)
            default: bytes.removeSubrange(position...)
            }
        }
        return edits
    }

    static func containsBackslash(_ value: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        value[range].contains(UInt8(ascii: "\\"))
    }

    @Test func serverRecogniserAgreesWithTheFullParser() {
        var generator = SeededGenerator(seed: 0xFA57_5E4F)
        var outcomes = (built: 0, undecodable: 0, declined: 0)
        for _ in 0..<12_000 {
            var bytes = Self.layout(Self.serverMessage(using: &generator).json, using: &generator)
            let edits = Self.mutate(&bytes, using: &generator)
            let full = try? ServerMessage(json: JSONParser.parse(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            bytes.withUnsafeBytes { value in
                #expect(ServerMediaMessage(value) == ServerMediaMessage(walking: value), "\(text)")
                guard let recognised = ServerMediaMessage(value) else {
                    outcomes.declined += 1
                    #expect(edits > 0, "an unedited value was declined: \(text)")
                    return
                }
                if let built = recognised.message(in: value) {
                    outcomes.built += 1
                    #expect(full == built, "\(text)")
                } else {
                    outcomes.undecodable += 1
                    // The full parser reads only an escaped base64 text where the fast path cannot decode.
                    let escaped = recognised.parts.contains { part in
                        part.inlineData.map { Self.containsBackslash(value, $0.data) } ?? false
                    }
                    #expect(full == nil || escaped, "\(text)")
                }
                if var expected = full, case .serverContent(var content)? = expected.kind {
                    content.modelTurn = nil
                    expected.kind = .serverContent(content)
                    #expect(recognised.messageOmittingModelTurn(in: value) == expected, "\(text)")
                }
            }
        }
        // Data strings are a small share of these messages, so edits land in them least often.
        #expect(outcomes.built > 3000 && outcomes.declined > 3000 && outcomes.undecodable > 10, "\(outcomes)")
    }

    @Test func clientRecogniserAgreesWithTheFullParser() {
        var generator = SeededGenerator(seed: 0xC11E_17)
        var outcomes = (built: 0, undecodable: 0, declined: 0)
        for _ in 0..<12_000 {
            let message = Self.clientMessage(using: &generator)
            var bytes = Self.layout(message.json, using: &generator)
            let edits = Self.mutate(&bytes, using: &generator)
            let full = try? ClientMessage(json: JSONParser.parse(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            bytes.withUnsafeBytes { value in
                guard let media = ClientMediaMessage(value) else {
                    outcomes.declined += 1
                    let plainMIME = message.realtimeInput.flatMap { $0.audio ?? $0.video ?? $0.mediaChunks?.first }
                        .map { $0.mimeType.utf8.allSatisfy(MediaLineMIMEType.isVerbatim) }
                    #expect(edits > 0 || plainMIME == false, "an unedited value was declined: \(text)")
                    return
                }
                #expect(media.hasDecodableData(in: value) == (media.message(in: value) != nil))
                if let built = media.message(in: value) {
                    outcomes.built += 1
                    #expect(full == built, "\(text)")
                } else {
                    outcomes.undecodable += 1
                    #expect(full == nil || Self.containsBackslash(value, media.data), "\(text)")
                }
            }
        }
        #expect(outcomes.built > 3000 && outcomes.declined > 1000 && outcomes.undecodable > 50, "\(outcomes)")
    }

    /// The writers' lines, edited, against the full parser: the media lines the tools really pass each other.
    @Test func writtenLinesAgreeWithTheFullParserWhenEdited() {
        var generator = SeededGenerator(seed: 0x11E5)
        var built = 0
        for _ in 0..<10_000 {
            let blob = Self.blob(using: &generator)
            var bytes: [UInt8] = []
            if Bool.random(using: &generator) {
                ServerMediaMessage.appendInlineDataLine(mimeType: blob.mimeType, data: blob.data, to: &bytes)
            } else {
                let field = [ClientMediaMessage.Field.audio, .video, .mediaChunks].randomElement(using: &generator)!
                ClientMediaMessage.appendLine(field, mimeType: blob.mimeType, data: blob.data, to: &bytes)
            }
            bytes.removeLast()
            _ = Self.mutate(&bytes, using: &generator)
            let text = String(decoding: bytes, as: UTF8.self)
            bytes.withUnsafeBytes { value in
                // The compact line's byte-for-byte check must read it as the walk does.
                #expect(ServerMediaMessage(value) == ServerMediaMessage(walking: value), "\(text)")
                if let message = ServerMediaMessage(value)?.message(in: value) {
                    built += 1
                    #expect((try? ServerMessage(json: JSONParser.parse(bytes))) == message, "\(text)")
                }
                if let message = ClientMediaMessage(value)?.message(in: value) {
                    built += 1
                    #expect((try? ClientMessage(json: JSONParser.parse(bytes))) == message, "\(text)")
                }
            }
        }
        #expect(built > 3000)
    }
}

extension SeededGenerator {
    /// A number in `0..<bound`.
    fileprivate mutating func below(_ bound: Int) -> Int {
        Int.random(in: 0..<bound, using: &self)
    }
}
