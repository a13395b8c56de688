import Testing

@testable import GeminiLiveProtocol

/// The client fast path: its lines are the typed messages' lines, and it reads every layout of them as the full
/// parser does.
struct ClientMediaMessageTests {
    static func full(_ bytes: [UInt8]) -> ClientMessage? {
        try? ClientMessage(json: JSONParser.parse(bytes))
    }

    static func fast(_ bytes: [UInt8]) -> ClientMessage? {
        bytes.withUnsafeBytes { value in ClientMediaMessage(value)?.message(in: value) }
    }

    static func input(_ field: ClientMediaMessage.Field, _ blob: Blob) -> RealtimeInput {
        switch field {
        case .audio: RealtimeInput(audio: blob)
        case .video: RealtimeInput(video: blob)
        case .mediaChunks: RealtimeInput(mediaChunks: [blob])
        }
    }

    @Test(arguments: [0, 1, 2, 3, 100, 3200])
    func writtenLinesDecodeToTheTypedMessage(length: Int) throws {
        var generator = SeededGenerator(seed: UInt64(length))
        let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for field in [ClientMediaMessage.Field.audio, .video, .mediaChunks] {
            for mimeType in ["audio/pcm;rate=16000", "image/jpeg", "audio/\"odd\" \\ \u{e9}\t"] {
                var line: [UInt8] = [0x41]
                ClientMediaMessage.appendLine(field, mimeType: mimeType, data: data, to: &line)
                let message = ClientMessage(.realtimeInput(Self.input(field, Blob(mimeType: mimeType, data: data))))
                #expect(line.last == 0x0A)
                let text = Array(line.dropFirst().dropLast())
                #expect(Self.full(text) == message)
                if field != .mediaChunks {
                    #expect(line == [0x41] + message.line)
                }
                let verbatim = mimeType.utf8.allSatisfy(MediaLineMIMEType.isVerbatim)
                #expect((Self.fast(text) == message) == verbatim, "\(field) \(mimeType)")
            }
        }
    }

    @Test func theLegacyLineIsSnakeCase() {
        var line: [UInt8] = []
        ClientMediaMessage.appendLine(.mediaChunks, mimeType: "audio/pcm", data: [0, 0, 0], to: &line)
        #expect(
            String(decoding: line, as: UTF8.self)
                == "{\"realtime_input\":{\"media_chunks\":[{\"mime_type\":\"audio/pcm\",\"data\":\"AAAA\"}]}}\n")
    }

    @Test(arguments: JSONLayout.all)
    func everyLayoutReadsAsTheFullParserReadsIt(layout: JSONLayout) throws {
        var generator = SeededGenerator(seed: 11)
        for field in [ClientMediaMessage.Field.audio, .video, .mediaChunks] {
            for blob in [Blob(mimeType: "audio/pcm;rate=16000", data: [1, 2, 3, 4]), Blob(mimeType: "", data: [])] {
                let message = ClientMessage(.realtimeInput(Self.input(field, blob)))
                for json in [
                    message.json, JSONLayout.shuffled(message.json, using: &generator),
                    JSONLayout.snakeCased(message.json),
                ] {
                    let bytes = layout.render(json)
                    #expect(Self.full(bytes) == message)
                    #expect(Self.fast(bytes) == message, "\(String(decoding: bytes, as: UTF8.self))")
                    let media = try bytes.withUnsafeBytes { try #require(ClientMediaMessage($0)) }
                    #expect(media.field == field)
                    #expect(bytes.withUnsafeBytes { media.hasDecodableData(in: $0) })
                }
            }
        }
    }

    static let declined: [String] = [
        #"{"realtimeInput":{"audio":{"mimeType":"a","data":"AAAA"},"video":{"mimeType":"a","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a","data":"AAAA"},"audioStreamEnd":true}}"#,
        #"{"realtimeInput":{"text":"hi"}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a","data":"AAAA"}},"x":1}"#,
        #"{"realtimeInput":{"mediaChunks":[]}}"#,
        #"{"realtimeInput":{"mediaChunks":[{"mimeType":"a","data":"AAAA"},{"mimeType":"a","data":"AAAA"}]}}"#,
        #"{"realtimeInput":{"mediaChunks":{"mimeType":"a","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":null}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":null,"data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a","mimeType":"b","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a","mime_type":"b","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"\u0061udio":{"mimeType":"a","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a\u0062","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"audio":{"mimeType":"a","data":"AAAA"}}}{}"#,
        #"{"clientContent":{"turns":[]}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[]}}}"#,
    ]

    @Test(arguments: declined)
    func otherValuesAreLeftToTheFullParser(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { ClientMediaMessage($0) } == nil, "\(text)")
    }

    @Test(arguments: ["AA*A", "A=AA", "AAAAA", "AA=", "AAA==", "====", " AAAA", #"AA\/A"#, "AAAA\u{80}"])
    func dataThatDoesNotDecodeIsNotForwardable(data: String) throws {
        let bytes = Array(#"{"realtimeInput":{"audio":{"mimeType":"a","data":"\#(data)"}}}"#.utf8)
        let media = try bytes.withUnsafeBytes { try #require(ClientMediaMessage($0)) }
        #expect(!bytes.withUnsafeBytes { media.hasDecodableData(in: $0) })
        #expect(Self.fast(bytes) == nil)
        #expect((Self.full(bytes) != nil) == data.contains("\\"))
    }

    @Test(arguments: ["", "AA", "AAA", "AAAA", "AA==", "AAA=", "-_-_", "AAAAAA"])
    func dataThatDecodesIsForwardable(data: String) throws {
        let bytes = Array(#"{"realtimeInput":{"audio":{"mimeType":"a","data":"\#(data)"}}}"#.utf8)
        let media = try bytes.withUnsafeBytes { try #require(ClientMediaMessage($0)) }
        #expect(bytes.withUnsafeBytes { media.hasDecodableData(in: $0) })
        #expect(Self.full(bytes) != nil)
        #expect(Self.fast(bytes) == Self.full(bytes))
    }
}
