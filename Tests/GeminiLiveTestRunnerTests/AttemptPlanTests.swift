import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveTestRunner
import Testing

/// A scenario made ready to send: its setup from the scenario's fields, its turns as the encoder writes them.
@Suite struct AttemptPlanTests {
    @Test func theSetupCarriesTheScenariosFieldsAndRaw() throws {
        let yaml = """
            setup:
              model: gemini-test
              system: "Be terse."
              voice: Kore
              response: text
              vad: manual
              raw: {proactivity: {proactiveAudio: true}}
            turns:
              - text: hi
            """
        let plan = try AttemptPlan(scenario: try Scenario(yaml: yaml, path: "s.yaml"), environment: [:])
        let setup = plan.setup
        #expect(setup.model == "models/gemini-test")
        #expect(setup.systemInstruction?.parts.first?.text == "Be terse.")
        #expect(setup.generationConfig?.responseModalities == ["TEXT"])
        #expect(setup.generationConfig?.speechConfig?.voiceConfig?.description.contains("Kore") == true)
        #expect(setup.realtimeInputConfig?.automaticActivityDetection?.disabled == true)
        #expect(setup.inputAudioTranscription != nil)
        #expect(setup.outputAudioTranscription != nil)
        #expect(setup.proactivity == ["proactiveAudio": true])
    }

    @Test func aScenarioWithoutModelUsesTheEnvironmentsThenTheDefault() throws {
        let scenario = try Scenario(yaml: "turns:\n  - text: hi\n", path: "s.yaml")
        let fromEnvironment = try AttemptPlan(scenario: scenario, environment: ["GEMINI_LIVE_MODEL": "env-model"])
        #expect(fromEnvironment.setup.model == "models/env-model")
        let fallback = try AttemptPlan(scenario: scenario, environment: [:])
        #expect(fallback.setup.model.hasPrefix("models/"))
    }

    @Test func turnsAreEncodedAndPacedByWhetherTheyAskForAReply() throws {
        let yaml = """
            turns:
              - silence_ms: 250
              - text: "what now?"
              - activity_start
              - audio_stream_end
            """
        let plan = try AttemptPlan(scenario: try Scenario(yaml: yaml, path: "s.yaml"), environment: [:])
        #expect(plan.turns.map(\.awaitsReply) == [false, true, false, true])
        // 250 ms of silence at 16 kHz in 100 ms chunks: 100, 100 and 50 ms.
        let silence = plan.turns[0].messages.compactMap { $0.realtimeInput?.audio?.data.count }
        #expect(silence == [3200, 3200, 1600])
        #expect(
            plan.turns[1].messages.map(\.description) == [
                #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"what now?"}]}],"turnComplete":true}}"#
            ])
        #expect(plan.turns[2].messages.first?.realtimeInput?.activityStart == true)
        #expect(plan.turns[3].messages.first?.realtimeInput?.audioStreamEnd == true)
    }

    @Test func aMissingFileIsReportedWhereTheScenarioNamesIt() throws {
        let scenario = try Scenario(yaml: "turns:\n  - audio: nowhere.wav\n", path: "dir/s.yaml")
        #expect {
            try AttemptPlan(scenario: scenario, environment: [:])
        } throws: { error in
            "\(error)".contains("dir/s.yaml:2:12:") && "\(error)".contains("nowhere.wav")
        }
    }
}
