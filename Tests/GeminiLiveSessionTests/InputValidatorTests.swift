import GeminiLiveProtocol
@testable import GeminiLiveSession
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

    @Test("the encoder's media line shape is recognised byte by byte; near misses take the full path")
    func mediaFastPath() throws {
        var line: [UInt8] = []
        RealtimeBlobLine.append(kind: .audio, mimeType: "audio/pcm;rate=16000", data: [1, 2, 3, 4, 5], to: &line)
        line.removeLast()
        #expect(MediaLineShape.matches(line))
        var video: [UInt8] = []
        RealtimeBlobLine.append(kind: .video, mimeType: "image/jpeg", data: [0xFF, 0xD8], to: &video)
        video.removeLast()
        #expect(MediaLineShape.matches(video))
        let misses = [
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AA*A"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"A=AA"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"","data":"AAAA"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"a\"b","data":"AAAA"}}}"#,
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AAAA"}},"x":1}"#,
            #"{"realtimeInput": {"audio":{"mimeType":"audio/pcm","data":"AAAA"}}}"#,
        ]
        for miss in misses { #expect(!MediaLineShape.matches(Array(miss.utf8)), "\(miss)") }
        #expect(throws: MessageDecodingError.self) { try validate(misses[0]) }
        #expect(throws: MessageDecodingError.self) { try validate(misses[4]) }
        guard case .messages(let spaced) = try validate(misses[5]) else { return }
        #expect(spaced.count == 1)
    }
}
