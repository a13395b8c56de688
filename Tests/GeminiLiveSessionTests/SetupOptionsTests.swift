import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveTestSupport
import Testing

@Suite("setup from flags")
struct SetupOptionsTests {
    @Test("--thinking-level and --transcription-language write the wire's thinkingLevel and languageCodes")
    func thinkingAndTranscriptionLanguages() throws {
        let base = try Setup(json: [
            "model": "models/m", "generationConfig": ["thinkingConfig": ["includeThoughts": true]],
        ])
        var options = SetupOptions()
        options.thinkingLevel = .high
        options.transcribeInput = true
        options.transcriptionLanguages = ["fr-FR", "en-US"]
        let setup = options.apply(to: base)
        #expect(
            setup.generationConfig?.unknownFields["thinkingConfig"]
                == ["includeThoughts": true, "thinkingLevel": "HIGH"])
        #expect(setup.inputAudioTranscription == ["languageCodes": ["fr-FR", "en-US"]])
        #expect(setup.outputAudioTranscription == nil)
    }

    @Test("flags override a base setup and keep its other fields")
    func flagsOverride() throws {
        let base = try Setup(
            json: [
                "model": "models/old",
                "generation_config": ["temperature": 0.2, "topP": 0.9],
                "safetySettings": [],
            ])
        var options = SetupOptions()
        options.model = "gemini-3.8-live"
        options.modality = .audio
        options.voice = "Kore"
        options.language = "en-US"
        options.systemInstruction = "Be brief."
        options.temperature = 0.7
        options.googleSearch = true
        options.tools = [["functionDeclarations": [["name": "f"]]]]
        options.transcribeInput = true
        options.transcribeOutput = true
        options.vad = .off
        options.startSensitivity = .low
        options.endSensitivity = .high
        options.silenceMilliseconds = 500
        options.prefixPaddingMilliseconds = 20
        options.noInterruption = true
        options.compression = .some(1000)
        let setup = options.apply(to: base)
        #expect(setup.model == "models/gemini-3.8-live")
        #expect(setup.generationConfig?.responseModalities == ["AUDIO"])
        #expect(setup.generationConfig?.temperature == 0.7)
        #expect(setup.generationConfig?.unknownFields["topP"] == 0.9)
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
        #expect(setup.generationConfig?.speechConfig?.languageCode == "en-US")
        #expect(setup.systemInstruction?.parts.first?.text == "Be brief.")
        #expect(setup.tools == [["functionDeclarations": [["name": "f"]]], ["googleSearch": [:]]])
        #expect(setup.inputAudioTranscription == [:])
        #expect(setup.outputAudioTranscription == [:])
        let detection = setup.realtimeInputConfig?.automaticActivityDetection
        #expect(detection?.disabled == true)
        #expect(detection?.startOfSpeechSensitivity == "START_SENSITIVITY_LOW")
        #expect(detection?.endOfSpeechSensitivity == "END_SENSITIVITY_HIGH")
        #expect(detection?.silenceDurationMs == 500)
        #expect(detection?.prefixPaddingMs == 20)
        #expect(setup.realtimeInputConfig?.activityHandling == "NO_INTERRUPTION")
        #expect(setup.contextWindowCompression?.triggerTokens == 1000)
        #expect(setup.contextWindowCompression?.slidingWindow != nil)
        #expect(setup.unknownFields["safetySettings"] == [])
    }

    @Test("no flags leave the setup untouched; model names get models/ unless they are paths")
    func untouched() {
        let base = Setup(model: "models/m")
        #expect(SetupOptions().apply(to: base) == base)
        #expect(SetupOptions.qualifiedModel("gemini-3.8-live") == "models/gemini-3.8-live")
        #expect(SetupOptions.qualifiedModel("projects/p/locations/l/publishers/google/models/m").hasPrefix("projects/"))
    }

    @Test("the policy adds sessionResumption, with the handle when resuming")
    func resumptionInSetup() throws {
        var policy = SessionPolicy(setup: Setup(model: "models/m"))
        policy.initialHandle = "h9"
        var machine = SessionStateMachine(policy: policy, clock: ManualClock())
        guard case .connect(_, let frame) = machine.start().first else {
            Issue.record("no connect")
            return
        }
        #expect(try ClientMessage(line: frame).setup?.sessionResumption?.handle == "h9")
    }
}
