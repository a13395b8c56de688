import Testing

@testable import GeminiLiveProtocol

/// The server fast path must read every layout of the messages it knows exactly as the full parser does, and
/// decline everything else.
struct ServerMediaMessageTests {
    static func full(_ bytes: [UInt8]) -> ServerMessage? {
        try? ServerMessage(json: JSONParser.parse(bytes))
    }

    static func fast(_ bytes: [UInt8]) -> ServerMessage? {
        bytes.withUnsafeBytes { value in ServerMediaMessage(value)?.message(in: value) }
    }

    static func recognised(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { ServerMediaMessage($0) != nil }
    }

    static let audio = Blob(mimeType: "audio/pcm;rate=24000", data: Array(0..<48))

    /// The shapes the service and its SDKs send, as typed messages.
    static let messages: [ServerMessage] = [
        ServerMessage(.serverContent(ServerContent(modelTurn: Content(parts: [Part(inlineData: audio)])))),
        ServerMessage(
            .serverContent(
                ServerContent(
                    modelTurn: Content(role: "model", parts: [Part(inlineData: audio)]),
                    outputTranscription: Transcription(text: "Hello there")))),
        ServerMessage(
            .serverContent(
                ServerContent(
                    modelTurn: Content(parts: [
                        Part(text: "thinking \"aloud\"\n\u{e9}\u{1F600}", thought: true), Part(inlineData: audio),
                        Part(text: "answer"), Part(inlineData: Blob(mimeType: "audio/pcm; rate=24000", data: [1, 2])),
                    ]), turnComplete: true, generationComplete: true,
                    inputTranscription: Transcription(text: "caf\u{e9}", finished: true),
                    outputTranscription: Transcription(text: "", finished: false)))),
        ServerMessage(.serverContent(ServerContent(turnComplete: true))),
        ServerMessage(.serverContent(ServerContent(interrupted: true, waitingForInput: false))),
        ServerMessage(.serverContent(ServerContent(modelTurn: Content(parts: [])))),
        ServerMessage(
            .serverContent(ServerContent(modelTurn: Content(parts: [Part(inlineData: Blob(mimeType: "", data: []))])))),
        ServerMessage(.serverContent(ServerContent(outputTranscription: Transcription(text: nil)))),
    ]

    @Test(arguments: JSONLayout.all)
    func everyLayoutReadsAsTheFullParserReadsIt(layout: JSONLayout) throws {
        var generator = SeededGenerator(seed: 7)
        for message in Self.messages {
            let variants = [
                message.json, JSONLayout.shuffled(message.json, using: &generator), JSONLayout.snakeCased(message.json),
            ]
            for json in variants {
                let bytes = layout.render(json)
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(Self.full(bytes) == message, "\(text)")
                #expect(Self.fast(bytes) == message, "\(text)")
            }
        }
    }

    @Test func rangesPointAtEachPartsMimeTypeAndBase64() throws {
        let bytes = Array(
            """
            { "serverContent": { "modelTurn": { "parts": [
                { "text": "a" },
                { "inlineData": { "data": "AAAB", "mimeType": "audio/pcm;rate=24000" } },
                { "inline_data": { "mime_type": "audio/x", "data": "" } }
            ] } } }
            """.utf8)
        try bytes.withUnsafeBytes { value in
            let message = try #require(ServerMediaMessage(value))
            #expect(message.parts.count == 3)
            #expect(message.parts[0].inlineData == nil && message.parts[0].hasText)
            let first = try #require(message.parts[1].inlineData)
            #expect(first.mimeTypeText(in: value) == "audio/pcm;rate=24000")
            #expect(Array(first.mimeTypeBytes(in: value)) == Array("audio/pcm;rate=24000".utf8))
            #expect(Array(value[first.data]) == Array("AAAB".utf8))
            var output = [UInt8](repeating: 0xEE, count: first.maximumDecodedCount)
            #expect(output.withUnsafeMutableBytes { first.decode(in: value, into: $0.baseAddress!) } == 3)
            #expect(output == [0, 0, 1])
            let second = try #require(message.parts[2].inlineData)
            #expect(second.mimeTypeText(in: value) == "audio/x" && second.data.isEmpty)
            #expect(!message.holdsOnlyInlineData)
            // The message built from the caller's decoded bytes is the full parser's.
            let built = message.message(in: value, inlineData: [[0, 0, 1], []])
            #expect(built == Self.full(bytes))
        }
    }

    @Test func flagsAndAudioOnlyAreReportedWithoutBuilding() throws {
        var line: [UInt8] = []
        ServerMediaMessage.appendInlineDataLine(mimeType: "audio/pcm", data: [1, 2, 3], to: &line)
        let audioOnly = try line.withUnsafeBytes { try #require(ServerMediaMessage($0)) }
        #expect(audioOnly.holdsOnlyInlineData && !audioOnly.hasTranscription && audioOnly.turnComplete == nil)
        let flagged = Array(#"{"serverContent":{"turnComplete":true,"outputTranscription":{"text":"x"}}}"#.utf8)
        let message = try flagged.withUnsafeBytes { try #require(ServerMediaMessage($0)) }
        #expect(message.turnComplete == true && message.hasTranscription && !message.hasModelTurn)
        #expect(!message.holdsOnlyInlineData)
    }

    @Test(arguments: [0, 1, 2, 3, 100, 4800])
    func writtenLinesAreWhatSerialisingTheMessageGives(length: Int) {
        var generator = SeededGenerator(seed: UInt64(length))
        let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for mimeType in ["audio/pcm;rate=24000", "", "odd \"type\" \\ \u{e9}"] {
            var line: [UInt8] = [0x41]
            ServerMediaMessage.appendInlineDataLine(mimeType: mimeType, data: data, to: &line)
            let message = ServerMessage(
                .serverContent(
                    ServerContent(modelTurn: Content(parts: [Part(inlineData: Blob(mimeType: mimeType, data: data))]))))
            #expect(line == [0x41] + message.line)
            #expect(Self.full(Array(line.dropFirst().dropLast())) == message)
        }
    }

    /// Values the full parser may accept but the fast path does not know: left to the full parser.
    static let declined: [String] = [
        #"{"serverContent":{"modelTurn":{"parts":[]}},"usageMetadata":{"totalTokenCount":1}}"#,
        #"{"serverContent":{"groundingMetadata":{}}}"#,
        #"{"serverContent":{"turnCompleteReason":"X"}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"text":"a","thoughtSignature":"AAAA"}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"functionCall":{"name":"f"}}]}}}"#,
        #"{"serverContent":{"outputTranscription":{"text":"a","languageCode":"en"}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"a","data":"AAAA","displayName":"x"}}]}}}"#,
        #"{"serverContent":{"turnComplete":null}}"#,
        #"{"serverContent":{"turnComplete":1}}"#,
        #"{"serverContent":{"turnComplete":"true"}}"#,
        #"{"serverContent":{"turn\u0043omplete":true}}"#,
        #"{"serverContent":{"turnComplete":true,"turnComplete":false}}"#,
        #"{"serverContent":{"turnComplete":true,"turn_complete":true}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"text":"a","text":"b"}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":{"text":"a"}}}}"#,
        #"{"serverContent":{},"serverContent":{}}"#,
        #"{"serverContent":{},"goAway":{}}"#,
        #"{"setupComplete":{}}"#,
        #"{}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio\/pcm","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"aüdio","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"a\"b","data":"AAAA"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"a","data":"AA\"A"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"a","data":"AAA\\"}}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"text":"bad \x"}]}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"text":"lone \ud800"}]}}}"#,
        "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"tab\there\"}]}}}",
        #"{"serverContent":{"modelTurn":{"parts":[]}}} x"#,
        #"{"serverContent":{"modelTurn":{"parts":[]}}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[]}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[],}}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{},]}}}"#,
        #"{"serverContent":{"turnComplete":tru}}"#,
        #"{"serverContent":{"turnComplete":truex}}"#,
        #"["serverContent"]"#,
        #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AAAA"}}}"#,
        "",
        " ",
    ]

    @Test(arguments: declined)
    func otherValuesAreLeftToTheFullParser(text: String) {
        #expect(!Self.recognised(Array(text.utf8)), "\(text)")
    }

    @Test(arguments: [#"bad \x"#, #"lone \ud800"#, "tab\there"])
    func textTheFullParserRefusesIsDeclined(text: String) {
        let bytes = Array(#"{"serverContent":{"outputTranscription":{"text":"\#(text)"}}}"#.utf8)
        #expect(Self.full(bytes) == nil)
        #expect(!Self.recognised(bytes))
    }

    @Test(arguments: ["AAA!", "AAAAA", "AA=A", "AAAA=", " AAAA", #"AA\/A"#, "AAAA\u{7F}"])
    func dataThatDoesNotDecodeGivesNoMessage(data: String) {
        let bytes = Array(
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"a","data":"\#(data)"}}]}}}"#.utf8)
        #expect(Self.recognised(bytes))
        #expect(Self.fast(bytes) == nil)
        // The caller then takes the full parser, which reads the escaped form and refuses the rest.
        #expect((Self.full(bytes) != nil) == data.contains("\\"))
    }
}
