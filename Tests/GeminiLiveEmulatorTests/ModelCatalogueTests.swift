import GeminiLiveProtocol
import Testing

@testable import GeminiLiveEmulator

/// The models served and the setups each accepts or refuses, at the state machine.
struct ModelCatalogueTests {
    /// The first action for a setup with these members on `model`.
    static func answer(_ model: String, _ members: String = "") -> EmulatorAction? {
        var session = EmulatedSession(options: SessionOptions())
        let extra = members.isEmpty ? "" : "," + members
        return session.receive(Array(#"{"setup":{"model":"models/\#(model)"\#(extra)}}"#.utf8)).first
    }

    static let accepted = EmulatorAction.send(ServerMessage(.setupComplete(SetupComplete())))

    @Test func theCatalogueHasTheCurrentModels() {
        let names = ModelCatalogue.standard.models.map(\.name)
        for model in [
            "gemini-3.8-live", "gemini-3.8-live-extended-thinking", "gemini-3.5-transcribe-live",
            "gemini-3.1-flash-live-preview", "gemini-2.5-flash-native-audio-preview-12-2025",
            "gemini-live-2.5-flash-preview",
        ] {
            #expect(names.contains("models/" + model))
        }
        let thinking = ModelCatalogue.standard.model(named: "gemini-3.8-live-extended-thinking")
        #expect(thinking?.backgroundThinking == true)
        #expect(thinking?.acceptsContextUpdate == true)
        #expect(ModelCatalogue.standard.model(named: "gemini-3.8-live")?.backgroundThinking == false)
        #expect(ModelCatalogue.standard.model(named: "gemini-3.1-flash-live-preview")?.acceptsContextUpdate == false)
    }

    @Test(arguments: ["low", "MEDIUM", "High"])
    func extendedThinkingTakesAThinkingLevel(level: String) {
        let setup = #""generationConfig":{"thinkingConfig":{"thinkingLevel":"\#(level)"}}"#
        #expect(Self.answer("gemini-3.8-live-extended-thinking", setup) == Self.accepted)
        #expect(Self.answer("gemini-3.8-live", setup) == .close(.invalidArgument), "3.8 has no thinking config")
    }

    @Test(arguments: [#"{"thinkingLevel":"MINIMAL"}"#, #"{"thinkingBudget":1024}"#, #"{"thinkingLevel":7}"#])
    func extendedThinkingRefusesOtherThinkingConfigs(config: String) {
        let setup = #""generationConfig":{"thinkingConfig":\#(config)}"#
        #expect(Self.answer("gemini-3.8-live-extended-thinking", setup) == .close(.invalidArgument))
    }

    @Test func theTranscribeModelAnswersInTextOnly() {
        let text = #""generationConfig":{"responseModalities":["TEXT"]}"#
        #expect(Self.answer("gemini-3.5-transcribe-live", text) == Self.accepted)
        #expect(Self.answer("gemini-3.5-transcribe-live") == .close(.invalidArgument), "AUDIO is the default")
    }

    @Test(arguments: [
        #""inputAudioTranscription":{"languageCodes":["en-US","de-DE"]}"#,
        #""input_audio_transcription":{"language_codes":["en-US"],"custom_vocabulary":[],"word_timestamp":true}"#,
        #""inputAudioTranscription":{"languageHints":{"languageCodes":["fr-FR"]},"adaptationPhrases":["Aoede"]}"#,
        #""inputAudioTranscription":{"languageAuto":{}},"outputAudioTranscription":{"diarization":false}"#,
        #""contextWindowCompression":{"triggerTokens":"25000","slidingWindow":{"targetTokens":"12000"}}"#,
        #""contextWindowCompression":{"triggerTokens":25000,"slidingWindow":{"targetTokens":12000}}"#,
    ])
    func newerSetupFieldsAreAccepted(members: String) {
        #expect(Self.answer("gemini-3.8-live", members) == Self.accepted)
    }

    @Test func anUnknownTranscriptionOptionIsRefusedWithItsPath() {
        #expect(
            Self.answer("gemini-3.8-live", #""inputAudioTranscription":{"languageCode":"en-US"}"#)
                == .close(.unknownField("languageCode", at: "setup.input_audio_transcription")))
    }

    @Test func contextUpdateIsRefusedOutsideThe3Point8Family() {
        for model in ["gemini-3.1-flash-live-preview", "gemini-2.0-flash-live-001"] {
            var session = EmulatedSession(options: SessionOptions())
            _ = session.receive(Array(#"{"setup":{"model":"models/\#(model)"}}"#.utf8))
            let update = #"{"contextUpdate":{"tools":{"tools":[]}}}"#
            #expect(session.receive(Array(update.utf8)) == [.close(.invalidArgument)], "\(model)")
        }
        var session = EmulatedSession(options: SessionOptions())
        _ = session.receive(Array(#"{"setup":{"model":"models/gemini-3.8-live-extended-thinking"}}"#.utf8))
        #expect(session.receive(Array(#"{"contextUpdate":{"tools":{"tools":[]}}}"#.utf8)).isEmpty)
    }

    /// A context update applies in order with the other input: a turn ended before it keeps the old context.
    @Test func contextUpdateAppliesToTurnsAfterIt() throws {
        var session = EmulatedSession(options: SessionOptions())
        _ = session.receive(
            Array(
                #"{"setup":{"model":"models/gemini-3.8-live","systemInstruction":{"parts":[{"text":"old"}]},"tools":[{"functionDeclarations":[{"name":"a"}]}]}}"#
                    .utf8))
        let before = session.receive(Array(#"{"realtimeInput":{"text":"one"}}"#.utf8))
        _ = session.receive(
            Array(#"{"contextUpdate":{"systemInstruction":{"parts":[{"text":"new"}]}}}"#.utf8))
        _ = session.replyFinished(turn: 1, responseTokens: 1)
        let after = session.receive(Array(#"{"realtimeInput":{"text":"two"}}"#.utf8))
        guard case .startReply(let first)? = before.last, case .startReply(let second)? = after.last else {
            Issue.record("no replies")
            return
        }
        #expect(first.systemInstruction == "old")
        #expect(second.systemInstruction == "new")
        #expect(second.functionNames == ["a"], "only the fields set change")
    }
}
