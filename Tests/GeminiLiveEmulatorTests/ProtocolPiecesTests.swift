import GeminiLiveProtocol
import Foundation
import HTTPTypes
import Testing

@testable import GeminiLiveEmulator

/// The small pieces: pretty printing, reason cutting, the unknown-field check, routes, VAD, rendering.
struct ProtocolPiecesTests {
    @Test func prettyPrintingMatchesTheService() throws {
        #expect(
            String(decoding: PrettyJSON.bytes(["setupComplete": [:]]), as: UTF8.self) == "{\n  \"setupComplete\": {}\n}"
        )
        let nested: JSONValue = ["a": [1, ["b": "c\n"]], "d": []]
        #expect(
            String(decoding: PrettyJSON.bytes(nested), as: UTF8.self)
                == "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\\n\"\n    }\n  ],\n  \"d\": []\n}")
        let parsed = try JSONParser.parse(PrettyJSON.bytes(nested))
        #expect(parsed == nested)
    }

    @Test func reasonsAreCutTo123BytesOnACharacterBoundary() {
        let long = String(repeating: "é", count: 100)
        let cut = CloseReason(code: 1007, reason: long).reason
        #expect(cut.utf8.count == 122)
        #expect(CloseReason(code: 1007, reason: "short").reason == "short")
    }

    @Test(arguments: [
        (#"{"setup":{"model":"m","generationConfig":{"topP":1,"thinkingConfig":{"anything":1}}}}"#, nil, nil),
        (#"{"setup":{"model":"m","bogus":1}}"#, "bogus", "setup"),
        (
            #"{"client_content":{"turns":[{"parts":[{"text":"a","colour":1}]}]}}"#, "colour",
            "client_content.turns[0].parts[0]"
        ),
        (#"{"realtimeInput":{"audio":{"mime_type":"x","data":"","rate":1}}}"#, "rate", "realtime_input.audio"),
        (#"{"toolResponse":{"functionResponses":[{"id":"1","response":{"free":{"form":1}}}]}}"#, nil, nil),
    ])
    func unknownFieldsAreFoundWithTheirProtoPath(json: String, name: String?, path: String?) throws {
        let found = FieldSchema.firstUnknownField(in: try JSONParser.parse(Array(json.utf8)))
        #expect(found?.name == name)
        #expect(found?.path == path)
    }

    @Test func routesReadVersionMethodAndCredentials() {
        let base = "/ws/google.ai.generativelanguage."
        let key = RequestRoute(path: base + "v1beta.GenerativeService.BidiGenerateContent?key=a%2Fb", headers: [:])
        #expect(key?.version == .v1beta)
        #expect(key?.credential == "a/b")
        let token = RequestRoute(
            path: "//" + base.dropFirst() + "v1alpha.GenerativeService.BidiGenerateContentConstrained",
            headers: [.authorization: "Token auth_tokens/x"])
        #expect(token?.constrained == true)
        #expect(token?.credential == "auth_tokens/x")
        #expect(
            RequestRoute(path: base + "v1beta.GenerativeService.BidiGenerateContentConstrained", headers: [:]) == nil)
        #expect(RequestRoute(path: "/ws/other", headers: [:]) == nil)
        #expect(key?.refusal(requiring: nil) == nil)
        #expect(key?.refusal(requiring: "a/b") == nil)
        #expect(key?.refusal(requiring: "other") == .invalidAPIKey)
        let bare = RequestRoute(path: base + "v1.GenerativeService.BidiGenerateContent", headers: [:])
        #expect(bare?.refusal(requiring: "k") == .missingAPIKey)
    }

    @Test func voiceActivityDetectorHonoursPaddingAndSilence() {
        var detector = VoiceActivityDetector(prefixPaddingMs: 100, silenceDurationMs: 300)
        let tone = (0..<16_000).map { Int16(10_000 * sin(Double($0) * 0.1)) }
        let silence = [Int16](repeating: 0, count: 8_000)
        #expect(detector.feed(silence).isEmpty)
        let started = detector.feed(tone)
        #expect(started == [.speechStarted(offset: 0.5)])
        var events = detector.feed(Array(silence[..<3_200]))
        #expect(events.isEmpty, "200 ms of silence is not enough")
        events = detector.feed(Array(silence[..<1_920]))
        guard case .speechEnded(let samples, _)? = events.first else {
            Issue.record("no end: \(events)")
            return
        }
        #expect(samples.count > 16_000)
        var quiet = VoiceActivityDetector(startSensitivity: "START_SENSITIVITY_LOW")
        #expect(quiet.feed(tone.map { $0 / 100 }).isEmpty, "-50 dBFS is below the LOW threshold")
    }

    @Test func audioFlushEndsSpeechInProgress() {
        var detector = VoiceActivityDetector()
        let tone = (0..<3_200).map { Int16(10_000 * sin(Double($0) * 0.1)) }
        #expect(detector.feed(tone).count == 1)
        guard case .speechEnded? = detector.flush().first else {
            Issue.record("flush did not end speech")
            return
        }
        #expect(detector.flush().isEmpty)
    }

    @Test func audioRenderingUsesTheServicePiecesAndRunsTheTranscriptAhead() {
        let renderer = ReplyRenderer(modality: "AUDIO", transcribeOutput: true, multiPartEvents: false, seed: 7)
        let samples = [Int16](repeating: 100, count: 48_000)
        let rendered = renderer.render("one two three four") { _ in samples }
        let messages = rendered.steps.compactMap { if case .message(let m) = $0 { m.serverContent } else { nil } }
        let sizes = messages.compactMap { $0.modelTurn?.parts.first?.inlineData?.data.count }
        #expect(sizes == [9_600] + Array(repeating: 11_520, count: 7) + [5_760])
        #expect(messages.compactMap { $0.outputTranscription?.text }.joined() == "one two three four")
        // The transcript runs ahead: a fragment comes before the first audio, and every word is out before the
        // last piece of audio.
        #expect(messages.first?.outputTranscription != nil)
        let lastAudio = messages.lastIndex { $0.modelTurn != nil } ?? 0
        #expect(messages.lastIndex { $0.outputTranscription != nil } ?? .max < lastAudio)
        #expect(rendered.tokens == 64)
        #expect(rendered.steps.contains { if case .pause = $0 { true } else { false } })
    }

    @Test(
        "a second say in one turn (after a tool call) starts with a space, in transcripts and text parts",
        arguments: ["AUDIO", "TEXT"])
    func laterSpeechIsSpacedFromEarlierSpeech(modality: String) {
        let renderer = ReplyRenderer(modality: modality, transcribeOutput: true, multiPartEvents: false, seed: 7)
        let samples = [Int16](repeating: 100, count: 24_000)
        let first = renderer.render("Let me look that up.") { _ in samples }
        let second = renderer.render("The weather is sunny.", continuing: true) { _ in samples }
        let words = (first.steps + second.steps).compactMap { step -> String? in
            guard case .message(let message) = step, let content = message.serverContent else { return nil }
            return modality == "TEXT" ? content.modelTurn?.parts.first?.text : content.outputTranscription?.text
        }
        #expect(words.joined() == "Let me look that up. The weather is sunny.")
    }

    @Test func defaultReplyDescribesTheInput() {
        var input = TurnInput(kind: .audio)
        input.audio = [Int16](repeating: 0, count: 24_000)
        input.pictures = [.init(format: "JPEG", width: 64, height: 48), .init(format: "PNG", width: nil, height: nil)]
        #expect(
            ReplyDescription.describe(input, turn: 3, transcript: "hello")
                == "Turn 3. I heard 1.5 seconds of audio: hello. I saw 2 images: JPEG 64x48, PNG.")
    }
}
