import Testing

@testable import GeminiLiveProtocol

struct ServerMessageTests {
    private func decode(_ text: String) throws -> ServerMessage {
        let message = try ServerMessage(line: Array(text.utf8))
        #expect(try ServerMessage(line: message.compactBytes) == message)
        return message
    }

    @Test func prettyPrintedAudioChunk() throws {
        let message = try decode(
            """
            {
              "serverContent": {
                "modelTurn": {
                  "role": "model",
                  "parts": [
                    {
                      "inlineData": {
                        "mimeType": "audio/pcm;rate=24000",
                        "data": "AAABAP//"
                      }
                    }
                  ]
                },
                "outputTranscription": {
                  "text": "Hel"
                }
              }
            }
            """)
        let content = try #require(message.serverContent)
        #expect(
            content.modelTurn?.parts.first?.inlineData
                == Blob(mimeType: "audio/pcm;rate=24000", data: [0, 0, 1, 0, 0xFF, 0xFF]))
        #expect(content.outputTranscription == Transcription(text: "Hel"))
    }

    @Test func generatedTokensUnderEitherServicesName() throws {
        let gemini = try decode(#"{"usageMetadata":{"promptTokenCount":5,"responseTokenCount":80}}"#)
        #expect(gemini.usageMetadata?.generatedTokenCount == 80)
        // Vertex AI: candidatesTokenCount, kept for the round trip (after the modelled members); int64, so a
        // string is read too.
        let vertex = #"{"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":"81","totalTokenCount":86}}"#
        let message = try decode(vertex)
        #expect(message.usageMetadata?.generatedTokenCount == 81)
        #expect(try decode(String(decoding: message.compactBytes, as: UTF8.self)) == message)
        #expect(try decode(#"{"usageMetadata":{"totalTokenCount":1}}"#).usageMetadata?.generatedTokenCount == nil)
    }

    @Test func turnCompleteWithUsageRidingAlong() throws {
        let text = """
            {"serverContent":{"turnComplete":true,"interactionStatus":"IDLE"},"usageMetadata":{"promptTokenCount":120,\
            "responseTokenCount":80,"totalTokenCount":200,"promptTokensDetails":[{"modality":"AUDIO","tokenCount":120}],\
            "responseTokensDetails":[{"modality":"AUDIO","tokenCount":80}]}}
            """
        let message = try decode(text)
        #expect(message.serverContent?.turnComplete == true)
        #expect(message.serverContent?.interactionStatus == "IDLE")
        #expect(message.serverContent?.unknownFields.isEmpty == true)
        #expect(message.usageMetadata?.totalTokenCount == 200)
        #expect(message.usageMetadata?.promptTokensDetails?[0]?["tokenCount"] == 120)
        #expect(String(decoding: message.compactBytes, as: UTF8.self) == text)
    }

    @Test(arguments: [
        #"{"setupComplete":{}}"#,
        #"{"setupComplete":{"sessionId":"s-1"}}"#,
        #"{"serverContent":{"generationComplete":true}}"#,
        #"{"serverContent":{"interrupted":true}}"#,
        #"{"serverContent":{"inputTranscription":{"text":"hi","finished":true},"waitingForInput":true}}"#,
        #"{"serverContent":{"turnComplete":true,"turnCompleteReason":"NEED_MORE_INPUT"}}"#,
        #"{"serverContent":{"modelTurn":{"parts":[{"text":"plan","thought":true}]},"groundingMetadata":{"webSearchQueries":["q"]}}}"#,
        #"{"toolCall":{"functionCalls":[{"id":"call_1","name":"f","args":{"snake_arg":[1,{"x":null}]}},{"id":"fc_2","name":"g"}]}}"#,
        #"{"toolCallCancellation":{"ids":["call_1","fc_2"]}}"#,
        #"{"goAway":{"timeLeft":"50s"}}"#,
        #"{"sessionResumptionUpdate":{"newHandle":"6f1c","resumable":true}}"#,
        #"{"sessionResumptionUpdate":{"newHandle":"","resumable":false,"lastConsumedClientMessageIndex":"42"}}"#,
        #"{"voiceActivity":{"type":"ACTIVITY_START","audioOffset":"0.200s"}}"#,
        #"{"voiceActivityDetectionSignal":{"vadSignalType":"VAD_SIGNAL_TYPE_SOS"}}"#,
        "{}",
    ])
    func camelCaseMessagesRoundTripExactly(text: String) throws {
        #expect(String(decoding: try decode(text).compactBytes, as: UTF8.self) == text)
    }

    @Test func snakeCaseServerFieldsAreAccepted() throws {
        let message = try decode(
            """
            {"session_resumption_update":{"new_handle":"h","last_consumed_client_message_index":7},\
            "usage_metadata":{"total_token_count":"9"}}
            """)
        guard case .sessionResumptionUpdate(let update)? = message.kind else {
            Issue.record("wrong kind \(String(describing: message.kind))")
            return
        }
        #expect(update.newHandle == "h")
        #expect(update.lastConsumedClientMessageIndex == 7)
        #expect(message.usageMetadata?.totalTokenCount == 9)
    }

    @Test func durationsParse() throws {
        #expect(GoAway(timeLeft: "50s").timeLeftSeconds == 50)
        #expect(VoiceActivity(type: "ACTIVITY_START", audioOffset: "0.200s").audioOffsetSeconds == 0.2)
        #expect(GoAway(timeLeft: "soon").timeLeftSeconds == nil)
        #expect(ProtoDuration.seconds("infs") == nil)
        #expect(ProtoDuration.string(seconds: 0.2) == "0.200s")
        #expect(ProtoDuration.string(seconds: 50) == "50s")
    }

    @Test func twoPayloadsAreAnError() {
        #expect(
            throws: MessageDecodingError(
                reason: "a server message holds at most one payload; found setupComplete and goAway")
        ) {
            try ServerMessage(line: Array(#"{"setupComplete":{},"goAway":{}}"#.utf8))
        }
    }

    @Test func toolCallKeepsArgumentsRaw() throws {
        let message = try decode(
            #"{"tool_call":{"function_calls":[{"id":"c","name":"f","args":{"city_name":"Oslo"}}]}}"#)
        #expect(message.toolCall?.functionCalls.first?.args == ["city_name": "Oslo"])
    }
}
