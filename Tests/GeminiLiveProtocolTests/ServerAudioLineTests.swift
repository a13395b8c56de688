import Testing

@testable import GeminiLiveProtocol

/// The decoder's shortcut for messages of one audio chunk must mean exactly what the full parser means, and must
/// step aside for every other line.
struct ServerAudioLineTests {
    private static func line(mimeType: String = "audio/pcm;rate=24000", data: String) -> [UInt8] {
        Array(
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"\#(mimeType)","data":"\#(data)"}}]}}}"#
                .utf8)
    }

    private static func full(_ line: [UInt8]) -> ServerMessage? {
        try? ServerMessage(json: JSONParser.parse(line))
    }

    private static func fast(_ line: [UInt8]) -> ServerMessage? {
        line.withUnsafeBytes { ServerAudioLine.message(in: $0) }
    }

    private static func matches(_ line: [UInt8]) -> Bool {
        line.withUnsafeBytes { ServerAudioLine($0) != nil }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 1919, 1920, 4800])
    func chunksDecodeAsTheFullParserDecodesThem(length: Int) throws {
        var generator = SeededGenerator(seed: UInt64(length) + 1)
        let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let standard = Base64.encodedString(data)
        let urlSafe = String(standard.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.filter { $0 != "=" })
        for mimeType in ["audio/pcm;rate=24000", "audio/pcm", "", "audio/pcm; rate=16000", "image/png", "a'b ;=~"] {
            for text in [standard, urlSafe] {
                let line = Self.line(mimeType: mimeType, data: text)
                let expected = try #require(Self.full(line))
                #expect(Self.fast(line) == expected)
                #expect(expected.serverContent?.modelTurn?.parts.first?.inlineData?.data == data)
                #expect(ServerAudioLine.message(mimeType: mimeType, data: data) == expected)
            }
        }
    }

    @Test func rangesPointAtTheMimeTypeAndTheBase64() throws {
        let line = Self.line(data: "AAAB")
        try line.withUnsafeBytes { raw in
            let chunk = try #require(ServerAudioLine(raw))
            #expect(chunk.mimeTypeText(of: raw) == "audio/pcm;rate=24000")
            #expect(Array(raw[chunk.data]) == Array("AAAB".utf8))
            #expect(chunk.maximumDecodedCount == 3)
            var output = [UInt8](repeating: 0xEE, count: chunk.maximumDecodedCount)
            let count = output.withUnsafeMutableBytes { chunk.decodeData(of: raw, into: $0.baseAddress!) }
            #expect(count == 3)
            #expect(output == [0, 0, 1])
        }
    }

    /// One audio chunk in other layouts: still one audio chunk, as the full parser reads it.
    static let otherLayouts: [String] = [
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}} "#,
        #" {"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent": {"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"data":"AAAA","mimeType":"audio/pcm"}}]}}}"#,
        #"{"server_content":{"model_turn":{"parts":[{"inline_data":{"mime_type":"audio/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm"}}]}}}"#,
        "{\n  \"serverContent\": {\n    \"modelTurn\": {\n      \"parts\": [\n        {\n          \"inlineData\": {\n"
            + "            \"mimeType\": \"audio/pcm\",\n            \"data\": \"AAAA\"\n          }\n        }\n"
            + "      ]\n    }\n  }\n}",
    ]

    @Test(arguments: otherLayouts)
    func otherLayoutsOfOneChunkMatch(text: String) throws {
        let line = Array(text.utf8)
        let expected = try #require(Self.full(line))
        #expect(Self.matches(line))
        #expect(Self.fast(line) == expected)
        let chunk = try #require(expected.serverContent?.modelTurn?.parts.first?.inlineData)
        #expect(ServerAudioLine.message(mimeType: chunk.mimeType, data: chunk.data) == expected)
    }

    /// Lines that hold more than one audio chunk, or are no audio chunk: left to the full parser.
    static let nearMisses: [String] = [
        #"{"serverContent":{"modelTurn":{"role":"model","parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]},"turnComplete":true}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}},"usageMetadata":{}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}},{"text":"hi"}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"},"thought":true}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA","x":1}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio\/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AA\"A"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}},"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm,"data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":null}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":null,"data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"aüdio/pcm","data":"AAAA"}}]}}}"#,
        "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"a\tb\",\"data\":\"AAAA\"}}]}}}",
        #"{"serverContent":{"modelTurn":{"parts":{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"AAAA"}}}"#,
        #"{"serverContent":{"generationComplete":true}}"#,
        "",
        "{",
    ]

    @Test(arguments: nearMisses)
    func otherShapesAreLeftToTheFullParser(text: String) {
        #expect(!Self.matches(Array(text.utf8)))
        #expect(Self.fast(Array(text.utf8)) == nil)
    }

    @Test(arguments: ["AAA!", "AAAAA", "AA=A", "AAAA=", "AA===", " AAAA", "AAAA\u{7F}", "=AAA"])
    func invalidBase64MatchesTheShapeButYieldsNoMessage(data: String) {
        let line = Self.line(data: data)
        #expect(Self.matches(line))
        #expect(Self.fast(line) == nil)
        // The full parser refuses it too, so the decoder's report comes from the full parser alone.
        #expect(Self.full(line) == nil)
    }

    @Test func escapedDataIsLeftToTheFullParser() throws {
        // `\/` is `/` to JSON: the shape matches, the base64 decoder refuses the backslash, the full parser decodes.
        let line = Self.line(data: #"AA\/A"#)
        #expect(Self.matches(line))
        #expect(Self.fast(line) == nil)
        let message = try #require(Self.full(line))
        #expect(message.serverContent?.modelTurn?.parts.first?.inlineData?.data == (try Base64.decode("AA/A")))
    }

    /// Random edits of real chunk lines: whenever the shortcut still produces a message, it is the full parser's.
    @Test func mutatedChunksNeverDisagreeWithTheFullParser() {
        var generator = SeededGenerator(seed: 0xA0D10)
        let interesting = Array(#"{}[]",:\ =+/-_Aa0"#.utf8) + [0x7F, 0x80, 0xC3, 0x00, 0x0A]
        var outcomes = (fast: 0, declined: 0)
        for _ in 0..<20_000 {
            let data = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            var bytes = Self.line(data: Base64.encodedString(data))
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[position] = interesting.randomElement(using: &generator)!
                case 1: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
                case 2: bytes.remove(at: position)
                default: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                }
                if bytes.isEmpty { break }
            }
            if let fast = Self.fast(bytes) {
                outcomes.fast += 1
                #expect(fast == Self.full(bytes), "\(String(decoding: bytes, as: UTF8.self))")
            } else {
                outcomes.declined += 1
            }
        }
        // Both branches must have been exercised for the comparison to mean anything.
        #expect(outcomes.fast > 1000 && outcomes.declined > 1000)
    }
}
