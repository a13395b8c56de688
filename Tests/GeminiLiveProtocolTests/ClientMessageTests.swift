import Testing

@testable import GeminiLiveProtocol

struct ClientMessageTests {
    /// Decodes, re-encodes and decodes again; the two decodings must agree.
    private func roundTrip(_ text: String) throws -> ClientMessage {
        let message = try ClientMessage(line: Array(text.utf8))
        let again = try ClientMessage(line: message.compactBytes)
        #expect(again == message)
        return message
    }

    @Test func contextUpdateRoundTripsWithTheToolsWrapper() throws {
        let text = """
            {"contextUpdate":{"systemInstruction":{"parts":[{"text":"Answer in French."}]},\
            "tools":{"tools":[{"functionDeclarations":[{"name":"get_time"}]}]}}}
            """
        let message = try roundTrip(text)
        #expect(String(decoding: message.compactBytes, as: UTF8.self) == text)
        let update = try #require(message.contextUpdate)
        #expect(update.systemInstruction?.parts.first?.text == "Answer in French.")
        #expect(update.tools?.count == 1)
    }

    @Test func contextUpdateReadsABareToolsListAndWritesItWrapped() throws {
        let message = try roundTrip(#"{"context_update":{"tools":[{"googleSearch":{}}]}}"#)
        #expect(message.contextUpdate?.systemInstruction == nil)
        #expect(
            String(decoding: message.compactBytes, as: UTF8.self)
                == #"{"contextUpdate":{"tools":{"tools":[{"googleSearch":{}}]}}}"#)
    }

    @Test func contextUpdateThatChangesNothingIsRefused() {
        #expect(throws: MessageDecodingError.self) { try ClientMessage(line: Array(#"{"contextUpdate":{}}"#.utf8)) }
        #expect(throws: MessageDecodingError.self) {
            try ClientMessage(line: Array(#"{"contextUpdate":{"tools":{"list":[]}}}"#.utf8))
        }
    }

    @Test func setupInCamelCaseRoundTripsExactly() throws {
        let text = """
            {"setup":{"model":"models/gemini-3.8-live","generationConfig":{"responseModalities":["AUDIO"],\
            "temperature":0.7,"speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Kore"}},\
            "languageCode":"en-US"},"topP":0.9},"systemInstruction":{"parts":[{"text":"Be brief."}]},\
            "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":\
            {"city_name":{"type":"STRING"}}}}]}],"realtimeInputConfig":{"automaticActivityDetection":\
            {"disabled":false,"startOfSpeechSensitivity":"START_SENSITIVITY_LOW","endOfSpeechSensitivity":\
            "END_SENSITIVITY_HIGH","prefixPaddingMs":20,"silenceDurationMs":700},"activityHandling":\
            "NO_INTERRUPTION","turnCoverage":"TURN_INCLUDES_ALL_INPUT"},"sessionResumption":{"handle":"abc"},\
            "contextWindowCompression":{"triggerTokens":25600,"slidingWindow":{"targetTokens":12800}},\
            "inputAudioTranscription":{},"outputAudioTranscription":{},"proactivity":{"proactiveAudio":true},\
            "historyConfig":{"initialHistoryInClientContent":true},"safetySettings":[]}}
            """
        let message = try roundTrip(text)
        #expect(String(decoding: message.compactBytes, as: UTF8.self) == text)
        let setup = try #require(message.setup)
        #expect(setup.model == "models/gemini-3.8-live")
        #expect(setup.generationConfig?.responseModalities == ["AUDIO"])
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
        #expect(setup.generationConfig?.unknownFields == ["topP": 0.9])
        #expect(setup.realtimeInputConfig?.automaticActivityDetection?.silenceDurationMs == 700)
        #expect(setup.contextWindowCompression?.slidingWindow?.targetTokens == 12800)
        #expect(setup.inputAudioTranscription == [:])
        #expect(setup.unknownFields == ["safetySettings": []])
        // Free-form tool schemas keep their snake_case keys.
        #expect(setup.tools?[0]["functionDeclarations"]?[0]?["parameters"]?["properties"]?["city_name"] != nil)
    }

    @Test func setupInSnakeCaseAsPythonSends() throws {
        let text = """
            {"setup":{"model":"models/gemini-3.8-live","generation_config":{"response_modalities":"audio",\
            "speech_config":{"voice_config":{"prebuilt_voice_config":{"voice_name":"Puck"}},"language_code":"de-DE"}},\
            "realtimeInputConfig":{"automatic_activity_detection":{"disabled":true,"prefix_padding_ms":"40"}},\
            "contextWindowCompression":{"sliding_window":{}},"session_resumption":{},\
            "input_audio_transcription":{}}}
            """
        let setup = try #require(try roundTrip(text).setup)
        #expect(setup.generationConfig?.responseModalities == ["audio"])
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Puck")
        #expect(setup.generationConfig?.speechConfig?.languageCode == "de-DE")
        #expect(setup.realtimeInputConfig?.automaticActivityDetection?.disabled == true)
        #expect(setup.realtimeInputConfig?.automaticActivityDetection?.prefixPaddingMs == 40)
        #expect(setup.contextWindowCompression?.slidingWindow == SlidingWindow())
        #expect(setup.sessionResumption == SessionResumptionConfig())
        #expect(setup.inputAudioTranscription != nil && setup.outputAudioTranscription == nil)
        let encoded = String(decoding: ClientMessage(.setup(setup)).compactBytes, as: UTF8.self)
        #expect(encoded.contains(#""generationConfig":{"responseModalities":["audio"]"#))
    }

    @Test func pythonClientContentMixedCasing() throws {
        let text =
            #"{"client_content": {"turns": [{"role": "user", "parts": [{"text": "Hello"}]}], "turnComplete": true}}"#
        let message = try roundTrip(text)
        #expect(
            message.clientContent
                == ClientContent(turns: [Content(role: "user", parts: [Part(text: "Hello")])], turnComplete: true))
        #expect(
            String(decoding: message.compactBytes, as: UTF8.self)
                == #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"Hello"}]}],"turnComplete":true}}"#)
    }

    @Test func cookbookMediaChunksSnakeCase() throws {
        let text = #"{"realtime_input": {"media_chunks": [{"mime_type": "audio/pcm", "data": "AAEC_-8="}]}}"#
        let input = try #require(try roundTrip(text).realtimeInput)
        #expect(input.mediaChunks == [Blob(mimeType: "audio/pcm", data: [0, 1, 2, 0xFF, 0xEF])])
        #expect(
            ClientMessage(.realtimeInput(input)).description
                == #"{"realtimeInput":{"mediaChunks":[{"mimeType":"audio/pcm","data":"AAEC/+8="}]}}"#)
    }

    @Test(arguments: [
        #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"AAAA"}}}"#,
        #"{"realtimeInput":{"video":{"mimeType":"image/jpeg","data":"/9j/"}}}"#,
        #"{"realtimeInput":{"text":"hi"}}"#,
        #"{"realtimeInput":{"activityStart":{}}}"#,
        #"{"realtimeInput":{"activityEnd":{}}}"#,
        #"{"realtimeInput":{"audioStreamEnd":true}}"#,
        #"{"toolResponse":{"functionResponses":[{"id":"call_1","name":"get_weather","response":{"output":{"temp_c":21}},"willContinue":false,"scheduling":"WHEN_IDLE"}]}}"#,
        #"{"clientContent":{"turns":[{"role":"model","parts":[{"inlineData":{"mimeType":"image/png","data":"iVBO"}},{"fileData":{"mimeType":"video/mp4","fileUri":"gs://x"}}]}]}}"#,
    ])
    func camelCaseMessagesRoundTripExactly(text: String) throws {
        let message = try roundTrip(text)
        #expect(String(decoding: message.compactBytes, as: UTF8.self) == text)
    }

    @Test func unknownFieldsSurviveInOrderAtEveryLevel() throws {
        let text = """
            {"tool_response":{"function_responses":[{"z_extra":1,"id":"fc_9","response":{"snake_key":true},\
            "a_extra":[1]}],"zz":null},"trace":"t1","alpha":{"x":1}}
            """
        let message = try roundTrip(text)
        #expect(message.unknownFields == ["trace": "t1", "alpha": ["x": 1]])
        let response = try #require(message.toolResponse?.functionResponses.first)
        #expect(response.unknownFields.keys == ["z_extra", "a_extra"])
        #expect(response.response == ["snake_key": true])
        #expect(
            String(decoding: message.compactBytes, as: UTF8.self) == """
                {"toolResponse":{"functionResponses":[{"id":"fc_9","response":{"snake_key":true},"z_extra":1,\
                "a_extra":[1]}],"zz":null},"trace":"t1","alpha":{"x":1}}
                """)
    }

    @Test func builtMessagesEncodeCamelCase() {
        let setup = Setup(
            model: "models/gemini-3.8-live",
            generationConfig: GenerationConfig(
                responseModalities: ["AUDIO"], speechConfig: SpeechConfig(voiceName: "Aoede")),
            realtimeInputConfig: RealtimeInputConfig(
                automaticActivityDetection: AutomaticActivityDetection(disabled: true)),
            contextWindowCompression: ContextWindowCompression(slidingWindow: SlidingWindow()),
            outputAudioTranscription: [:])
        #expect(
            ClientMessage(.setup(setup)).description == """
                {"setup":{"model":"models/gemini-3.8-live","generationConfig":{"responseModalities":["AUDIO"],\
                "speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Aoede"}}}},"realtimeInputConfig":\
                {"automaticActivityDetection":{"disabled":true}},"contextWindowCompression":{"slidingWindow":{}},\
                "outputAudioTranscription":{}}}
                """)
    }

    static let badMessages: [(String, String)] = [
        (
            "{}",
            "a client message needs exactly one of setup, clientContent, realtimeInput, toolResponse, contextUpdate; found none"
        ),
        (
            #"{"setup":{"model":"m"},"client_content":{}}"#,
            "a client message needs exactly one of setup, clientContent, realtimeInput, toolResponse, contextUpdate; found setup and clientContent"
        ),
        ("[]", "expected an object"),
        (#"{"setup":{}}"#, "setup.model: missing required field"),
        (
            #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm","data":"AAAAAAAAAAAA!AAA"}}}"#,
            "realtimeInput.audio.data: not valid base64 at offset 12"
        ),
        (
            #"{"clientContent":{"turns":[{"parts":[{"text":"a"},"b"]}]}}"#,
            "clientContent.turns[0].parts[1]: expected an object"
        ),
        (#"{"realtime_input":{"media_chunks":[{"data":7}]}}"#, "realtimeInput.mediaChunks[0].data: expected a string"),
        (
            #"{"setup":{"model":"m","generationConfig":{"responseModalities":[1]}}}"#,
            "setup.generationConfig.responseModalities[0]: expected a string"
        ),
        (
            #"{"setup":{"model":"m","contextWindowCompression":{"triggerTokens":"x"}}}"#,
            "setup.contextWindowCompression.triggerTokens: expected an integer"
        ),
        (#"{"setup" {}}"#, "expected ':' after object key at offset 9"),
    ]

    @Test(arguments: badMessages)
    func decodingErrorsSayWhere(text: String, expected: String) {
        do {
            _ = try ClientMessage(line: Array(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }
}
