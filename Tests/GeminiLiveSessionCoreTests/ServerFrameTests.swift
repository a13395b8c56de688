import GeminiLiveProtocol
@testable import GeminiLiveSessionCore
import Testing

@Suite("server frames: compact lines and the decoded message")
struct ServerFrameTests {
    func read(_ text: String) -> ServerFrame? {
        ServerFrame(payload: Array(text.utf8))
    }

    /// A pretty-printed audio frame as the service sends it, with `turnComplete` riding along.
    static let audioFrame = """
        {
          "serverContent": {
            "modelTurn": {
              "parts": [
                {
                  "inlineData": {
                    "mimeType": "audio/pcm;rate=24000",
                    "data": "AAECAwQFBgcICQ=="
                  }
                }
              ]
            },
            "turnComplete": true
          },
          "usageMetadata": { "totalTokenCount": 12 }
        }
        """

    @Test("a pretty-printed frame becomes the compact line the parser would write, and still decodes")
    func prettyPrinted() throws {
        let frame = try #require(read(Self.audioFrame))
        let expected = try JSONParser.parse(Self.audioFrame).compactBytes
        #expect(String(decoding: frame.line, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        let content = try #require(frame.message?.serverContent)
        #expect(content.turnComplete == true)
        #expect(frame.message?.usageMetadata?.totalTokenCount == 12)
        // The model output is relayed in the line, not decoded.
        #expect(content.modelTurn == nil)
    }

    @Test(
        "compacting keeps every byte but the whitespace between tokens",
        arguments: [
            (
                #"{ "a" : "x  y\t\"z\" \\ \u00e9 \/" , "b" : [ 1 , -2.5e+3 , 0 , true , false , null ] }"#,
                #"{"a":"x  y\t\"z\" \\ \u00e9 \/","b":[1,-2.5e+3,0,true,false,null]}"#
            ),
            ("{\"t\":\"caf\u{e9} \u{1F600}\"}", "{\"t\":\"caf\u{e9} \u{1F600}\"}"),
            ("\n\t{}\r\n", "{}"),
            ("[ [ ] , { } ]", "[[],{}]"),
            ("  \"text\"  ", "\"text\""),
            (" 12 ", "12"),
        ])
    func compacting(input: String, expected: String) throws {
        let frame = try #require(read(input))
        #expect(String(decoding: frame.line, as: UTF8.self) == expected)
    }

    @Test(
        "text that is not exactly one JSON value is refused",
        arguments: [
            "", "   ", "{", "}", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\":1}{}", "{a:1}",
            "{\"a\":tru}", "{\"a\":nul}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":.5}",
            "{\"a\":\"x\ny\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"open}", "[}", "{]", "{,}",
            "{\"a\"::1}", "{\"a\":1,,\"b\":2}", "nul", "truex", "{\"serverContent\":{\"modelTurn\":{\"parts\":[1 2]}}}",
        ])
    func refused(input: String) {
        #expect(read(input) == nil)
    }

    /// Found by the server-frame-compactor fuzz target: the compactor checked that a `\\u` escape has four hex
    /// digits but not surrogate pairing, so it relayed lines the parser (and so the decoder) refuses.
    @Test(
        "a lone or unpaired surrogate escape is refused, as the parser refuses it",
        arguments: [
            #"{"a":"\ude00"}"#, #"{"a":"\ud83d"}"#, #"{"a":"\ud83dx"}"#, #"{"a":"\ud83d\u0041"}"#,
            #"{"a":"\ud83d\n"}"#, #"{"a":"\ude00\ud83d"}"#, #"{"a":"\ud83d\ud83d"}"#, #"{"\udbff":1}"#,
            #"{"serverContent":{"turnComplete":true,"model_turn":{"pa]rts":[{"text":"hi \t00e9 (ud83d\ude00"}]}}}"#,
        ])
    func loneSurrogate(input: String) {
        #expect(read(input) == nil)
        #expect((try? JSONParser.parse(input)) == nil)
    }

    @Test("a surrogate pair escape is kept as written")
    func surrogatePair() throws {
        let input = #"{ "a": "\ud83d\ude00 \uD83D\uDE00 \udbff\udfff" }"#
        let frame = try #require(read(input))
        #expect(String(decoding: frame.line, as: UTF8.self) == #"{"a":"\ud83d\ude00 \uD83D\uDE00 \udbff\udfff"}"#)
        #expect(try JSONParser.parse(frame.line) == JSONParser.parse(input))
    }

    @Test("invalid UTF-8 inside a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(ServerFrame(payload: bytes) == nil)
    }

    @Test("nesting deeper than the parser allows is refused")
    func depth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(read(deep) == nil)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(read(fine) != nil)
    }

    @Test("only serverContent.modelTurn is left undecoded: tool calls keep a modelTurn member in their args")
    func onlyModelTurnSkipped() throws {
        let call = #"{"toolCall":{"functionCalls":[{"id":"c1","name":"f","args":{"modelTurn":{"x":1}}}]}}"#
        let frame = try #require(read(call))
        #expect(frame.line == Array(call.utf8))
        let args = try #require(frame.message?.toolCall?.functionCalls.first?.args)
        #expect(args["modelTurn"]?["x"] == .number(JSONNumber(1)))

        let transcript = #"{"serverContent":{"outputTranscription":{"text":"hi"},"modelTurn":{"parts":[]}}}"#
        let second = try #require(read(transcript))
        #expect(second.message?.serverContent?.outputTranscription?.text == "hi")
        #expect(second.message?.serverContent?.modelTurn == nil)

        let alone = try #require(read(#"{"serverContent":{"modelTurn":{"parts":[]}}}"#))
        #expect(alone.message == ServerMessage(.serverContent(ServerContent())))
    }

    @Test("frames that are JSON but not server messages keep their line and have no message")
    func unknownShape() throws {
        let frame = try #require(read(#"{"serverContent":1,"goAway":{}}"#))
        #expect(frame.line == Array(#"{"serverContent":1,"goAway":{}}"#.utf8))
        #expect(frame.message == nil)
    }

    @Test("a frame's line and message agree with a full decode on every other message kind")
    func otherKinds() throws {
        let lines = [
            #"{"setupComplete":{}}"#,
            #"{"sessionResumptionUpdate":{"newHandle":"h1","resumable":true,"lastConsumedClientMessageIndex":"3"}}"#,
            #"{"goAway":{"timeLeft":"10s"}}"#,
            #"{"toolCallCancellation":{"ids":["a","b"]}}"#,
            #"{"serverContent":{"interrupted":true}}"#,
        ]
        for line in lines {
            let frame = try #require(read(line))
            #expect(frame.line == Array(line.utf8))
            #expect(frame.message == (try ServerMessage(line: Array(line.utf8))), "\(line)")
        }
    }

    @Test(
        "frames the fast path reads give the message a full decode without modelTurn gives",
        arguments: [
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm","data":"AAAA"}}]}}}"#,
            #"""
            {
              "serverContent": {
                "outputTranscription": { "text": "caf\u00e9 \"x\"" },
                "modelTurn": { "role": "model", "parts": [ { "text": "a", "thought": true }, { "inlineData": { "data": "AAAA", "mimeType": "audio/pcm" } } ] },
                "turnComplete": true, "generationComplete": false
              }
            }
            """#,
            #"{"server_content": {"input_transcription": {"text": "hi", "finished": true}, "interrupted": true}}"#,
            #"{"serverContent":{"waitingForInput":true,"modelTurn":{"parts":[]}}}"#,
        ])
    func fastPathFrames(text: String) throws {
        let frame = try #require(read(text))
        var expected = try ServerMessage(json: JSONParser.parse(text))
        guard case .serverContent(var content)? = expected.kind else {
            Issue.record("not serverContent")
            return
        }
        content.modelTurn = nil
        expected.kind = .serverContent(content)
        #expect(frame.message == expected)
    }
}
