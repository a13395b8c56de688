import GeminiLiveProtocol
@testable import GeminiLiveSessionCore
import Testing

@Suite("input validation")
struct InputValidatorTests {
    func validate(_ line: String, keepLegacy: Bool = false) throws(MessageDecodingError) -> InputLine {
        try InputValidator(keepLegacy: keepLegacy).validate(Array(line.utf8))
    }

    @Test(
        "valid lines in either casing are forwarded byte for byte",
        arguments: [
            #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"hi"}]}],"turnComplete":true}}"#,
            #"{"client_content":{"turns":[{"role":"user","parts":[{"text":"hi"}]}],"turn_complete":true}}"#,
            #"{"realtime_input":{"audio":{"mime_type":"audio/pcm;rate=16000","data":"AAAA"}}}"#,
            #"{"toolResponse":{"functionResponses":[{"id":"c1","name":"f","response":{"output":1}}]}}"#,
        ])
    func forwarded(line: String) throws {
        guard case .messages(let messages) = try validate(line) else {
            Issue.record("not messages")
            return
        }
        #expect(messages.count == 1)
        #expect(messages.first?.frame == Array(line.utf8))
    }

    @Test("activity markers with the server's VAD on end the session with 64, naming --vad off and --activity")
    func activityMarkersNeedVADOff() throws {
        #expect(InputValidator.serverDetectsActivity(Setup(model: "models/m")))
        var off = Setup(model: "models/m")
        off.realtimeInputConfig = RealtimeInputConfig(
            automaticActivityDetection: AutomaticActivityDetection(disabled: true))
        #expect(!InputValidator.serverDetectsActivity(off))

        let marker = NDJSONLine(number: 3, bytes: Array(#"{"realtimeInput":{"activityStart":{}}}"#.utf8))
        let audio = NDJSONLine(number: 4, bytes: Array(#"{"realtimeInput":{"text":"hi"}}"#.utf8))
        let onServer = InputIntake(validator: InputValidator(serverDetectsActivity: true), strict: false)
        let (events, goOn) = onServer.take(marker, source: "stdin")
        #expect(!goOn)
        guard case .inputFailed(let outcome) = events.first else {
            Issue.record("not refused: \(events)")
            return
        }
        #expect(outcome.category == .usage)
        #expect(outcome.message?.hasPrefix("stdin:3: ") == true)
        #expect(outcome.message?.contains("--vad off") == true)
        #expect(outcome.message?.contains("--activity") == true)
        #expect(onServer.take(audio, source: "stdin").goOn)

        let byHand = InputIntake(validator: InputValidator(), strict: false)
        #expect(byHand.take(marker, source: "stdin").events.count == 1)
        #expect(byHand.take(marker, source: "stdin").goOn)
    }

    @Test("turn requests: clientContent with turnComplete, realtimeInput text and activityEnd")
    func turnRequests() throws {
        let cases: [(String, Bool)] = [
            (#"{"clientContent":{"turns":[],"turnComplete":true}}"#, true),
            (#"{"clientContent":{"turns":[]}}"#, false),
            (#"{"realtimeInput":{"text":"hi"}}"#, true),
            (#"{"realtimeInput":{"activityEnd":{}}}"#, true),
            (#"{"realtimeInput":{"audioStreamEnd":true}}"#, false),
        ]
        for (line, expected) in cases {
            guard case .messages(let messages) = try validate(line) else { continue }
            #expect(messages.first?.triggersTurn == expected, "\(line)")
        }
    }

    @Test(
        "bad lines are refused with a reason",
        arguments: [
            ("{oops", "not JSON"), ("[1]", "expected a JSON object"), (#"{"hello":1}"#, "found none"),
            (#"{"realtimeInput":{"text":"a"},"clientContent":{}}"#, "found clientContent and realtimeInput"),
            (#"{"realtimeInput":{"text":"a"},"x":1}"#, "unexpected member 'x'"),
            (#"{"toolResponse":{"functionResponses":[{"name":"f"}]}}"#, "missing id"),
            (#"{"toolResponse":{}}"#, "no functionResponses"), (#"{"realtimeInput":{}}"#, "empty"),
        ])
    func refused(line: String, reason: String) {
        do {
            _ = try validate(line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    @Test("a setup line is recognised as a setup")
    func setupLine() throws {
        #expect(try validate(#"{"setup":{"model":"models/m"}}"#) == .setup(Setup(model: "models/m")))
    }

    @Test("mediaChunks become one audio or video message per chunk unless kept")
    func legacyRewrite() throws {
        let line =
            #"{"realtime_input":{"media_chunks":[{"mime_type":"audio/pcm;rate=16000","data":"AAAA"},{"mimeType":"image/jpeg","data":"/9j/"}]}}"#
        guard case .messages(let messages) = try validate(line) else { return }
        #expect(
            messages.map { String(decoding: $0.frame, as: UTF8.self) } == [
                #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"AAAA"}}}"#,
                #"{"realtimeInput":{"video":{"mimeType":"image/jpeg","data":"/9j/"}}}"#,
            ])
        guard case .messages(let kept) = try validate(line, keepLegacy: true) else { return }
        #expect(kept.map(\.frame) == [Array(line.utf8)])
    }

    @Test("media lines in any layout are forwarded as written, exactly as the full path forwards them")
    func mediaFastPath() throws {
        var audio: [UInt8] = []
        ClientMediaMessage.appendLine(.audio, mimeType: "audio/pcm;rate=16000", data: [1, 2, 3, 4, 5], to: &audio)
        audio.removeLast()
        var video: [UInt8] = []
        ClientMediaMessage.appendLine(.video, mimeType: "image/jpeg", data: [0xFF, 0xD8], to: &video)
        video.removeLast()
        let lines = [
            String(decoding: audio, as: UTF8.self), String(decoding: video, as: UTF8.self),
            #"{"realtimeInput": {"audio": {"data": "AAAA", "mimeType": "audio/pcm"}}}"#,
            #"{"realtime_input":{"audio":{"mime_type":"","data":"AAA"}}}"#,
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            #expect(bytes.withUnsafeBytes { ClientMediaMessage($0) } != nil, "\(line)")
            guard case .messages(let messages) = try validate(line) else {
                Issue.record("not messages: \(line)")
                continue
            }
            #expect(messages == [OutboundMessage(frame: bytes, kind: .realtimeInput)], "\(line)")
        }
    }

    @Test(
        "media lines whose data is not base64 are refused as the full path refuses them",
        arguments: [
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AA*A"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"A=AA"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AAAAA"}}}"#,
            #"{"realtimeInput":{"video":{"mimeType":"image/png","data":"AA="}}}"#,
        ])
    func badMediaData(line: String) {
        #expect(throws: MessageDecodingError.self) { try validate(line) }
    }

    @Test("a legacy media line is forwarded as written only when kept; otherwise it is rewritten")
    func legacyFastPath() throws {
        var legacy: [UInt8] = []
        ClientMediaMessage.appendLine(.mediaChunks, mimeType: "audio/pcm", data: [0, 0, 0], to: &legacy)
        legacy.removeLast()
        let line = String(decoding: legacy, as: UTF8.self)
        #expect(
            try validate(line, keepLegacy: true) == .messages([OutboundMessage(frame: legacy, kind: .realtimeInput)]))
        guard case .messages(let rewritten) = try validate(line) else { return }
        #expect(
            rewritten.map { String(decoding: $0.frame, as: UTF8.self) } == [
                #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AAAA"}}}"#
            ])
    }
}
