import GeminiLiveProtocol
import GeminiLiveSystem
import Testing

@testable import GeminiLiveEmulator

/// The emulator's frames byte for byte against what was recorded from the service (live-protocol.md §11), read
/// by a WebSocket client on a real socket, on the Gemini API's path and on Vertex AI's; `VertexWireShapeTests`
/// checks the Vertex dialect at the state machine.
@Suite(.serialized)
struct WireShapeTests {
    /// The keys of an object, in the order they were sent.
    static func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let object)? = value else { return [] }
        return object.keys
    }

    /// Every frame is binary, ends with a newline, and is exactly the two-space pretty text of its JSON.
    static func expectServiceFrames(_ frames: [ReceivedFrame], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!frames.isEmpty, sourceLocation: sourceLocation)
        for frame in frames {
            #expect(frame.isBinary, sourceLocation: sourceLocation)
            guard let json = frame.json else {
                Issue.record("not JSON: \(frame.text)", sourceLocation: sourceLocation)
                continue
            }
            #expect(frame.bytes == PrettyJSON.bytes(json) + [0x0A], "\(frame.text)", sourceLocation: sourceLocation)
        }
    }

    @Test func aSpokenReplyHasTheRecordedShapes() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(model: "models/gemini-3.8-live", #""outputAudioTranscription":{}"#))
            let setupComplete = await connection.next()
            try await connection.send(LiveClient.textTurn("tell me about the weather in Paris today"))
            return (setupComplete, await connection.turn() ?? [])
        }
        let setupComplete = try #require(outcome.value.0)
        #expect(setupComplete.bytes.count == 26)
        #expect(setupComplete.text == "{\n  \"setupComplete\": {}\n}\n")
        let frames = outcome.value.1
        Self.expectServiceFrames([setupComplete] + frames)
        let contents = frames.compactMap { $0.json?["serverContent"] }
        // No role on the Gemini API.
        let turns = contents.compactMap { $0["modelTurn"] }
        #expect(!turns.isEmpty)
        #expect(turns.allSatisfy { !Self.keys($0).contains("role") })
        // Fixed pieces: 9,600 bytes first, then 11,520 bytes; only the last may be shorter.
        let blobs = turns.compactMap { $0["parts"]?[0]?["inlineData"] }
        #expect(blobs.allSatisfy { $0["mimeType"]?.stringValue == "audio/pcm;rate=24000" })
        let sizes = blobs.compactMap { $0["data"]?.stringValue }.map { try? Base64.decode($0).count }
        #expect(sizes.count > 2)
        #expect(sizes.first == 9_600)
        #expect(sizes.dropFirst().dropLast().allSatisfy { $0 == 11_520 })
        #expect((1...11_520).contains(sizes.last.flatMap { $0 } ?? 0))
        // The transcript runs ahead of the audio: its first fragment comes with or before the first piece.
        let firstAudio = try #require(contents.firstIndex { $0["modelTurn"] != nil })
        let firstWords = try #require(contents.firstIndex { $0["outputTranscription"] != nil })
        #expect(firstWords <= firstAudio)
        // The end: generationComplete, then turnComplete with usage in the recorded key order.
        let last = try #require(frames.last?.json)
        #expect(Self.keys(last) == ["serverContent", "usageMetadata"])
        #expect(
            Self.keys(last["usageMetadata"]) == [
                "promptTokenCount", "responseTokenCount", "totalTokenCount", "promptTokensDetails",
                "responseTokensDetails",
            ])
        #expect(contents.dropLast().last?["generationComplete"] == .bool(true))
        #expect(!contents.contains { $0["interrupted"] != nil })
    }

    static let callScript = #"""
        {"rules":[{"reply":[{"toolCall":{"name":"get_weather","args":{"city":"Paris"}}},{"say":"It is {{response}}."}]}]}
        """#

    /// Calls a function on `model` (TEXT), answers it, and returns every frame after setupComplete.
    static func callAndAnswer(model: String) async throws -> [ReceivedFrame] {
        var configuration = EmulatorConfiguration()
        configuration.script = try EmulatorScript(json: Array(callScript.utf8))
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint()) { connection -> [ReceivedFrame] in
            try await connection.send(
                LiveClient.setup(model: model, #""generationConfig":{"responseModalities":["TEXT"]}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("weather?"))
            guard var frames = await connection.collect(until: { $0.json?["toolCall"] != nil }),
                let id = frames.last?.json?["toolCall"]?["functionCalls"]?[0]?["id"]?.stringValue
            else { return [] }
            try await connection.send(
                #"{"toolResponse":{"functionResponses":[{"id":"\#(id)","name":"get_weather","response":{"output":"sunny"}}]}}"#
            )
            frames += await connection.turn() ?? []
            return frames
        }
        return outcome.value
    }

    @Test func functionCallsComeAsNameArgsIdWithTheServiceIds() async throws {
        let frames = try await Self.callAndAnswer(model: "models/gemini-2.0-flash-live-001")
        Self.expectServiceFrames(frames)
        let call = try #require(frames.first { $0.json?["toolCall"] != nil }?.json?["toolCall"]?["functionCalls"]?[0])
        #expect(Self.keys(call) == ["name", "args", "id"])
        let id = try #require(call["id"]?.stringValue)
        #expect(id.wholeMatch(of: /function-call-[0-9]{19}/) != nil, "\(id)")
        #expect(!frames.contains { $0.json?["serverContent"]?["modelTurn"]?["parts"]?[0]?["executableCode"] != nil })
        let reply = frames.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "It is sunny.")
    }

    @Test func halfCascadeModelsShowTheCodeBeforeTheCall() async throws {
        let frames = try await Self.callAndAnswer(model: "models/gemini-live-2.5-flash-preview")
        Self.expectServiceFrames(frames)
        let callIndex = try #require(frames.firstIndex { $0.json?["toolCall"] != nil })
        #expect(callIndex > 0)
        let code = frames[callIndex - 1].json?["serverContent"]?["modelTurn"]?["parts"]?[0]?["executableCode"]
        #expect(code == ["language": "PYTHON", "code": #"print(default_api.get_weather(city="Paris"))"#])
    }

    /// One `realtimeInput.audio` message of about 3 s of speech, without trailing silence and followed by nothing,
    /// is answered: the end of the audio stream ends the turn as silence would, and nothing is `interrupted`.
    @Test func oneSpokenMessageWithoutTrailingSilenceIsAnswered() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run {
            try AudioFixtures.speech("what is the weather like in paris today and tomorrow")
        }
        let seconds = Double(speech.samples.count) / Double(speech.rate)
        #expect((2.0...4.5).contains(seconds), "about three seconds of speech: \(seconds)")
        let data = Base64.encodedString(AudioFixtures.bytes(speech.samples[...]))
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-2.0-flash-live-001",
                    #""generationConfig":{"responseModalities":["TEXT"]},"inputAudioTranscription":{}"#))
            _ = await connection.next()
            try await connection.send(
                #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=\#(speech.rate)","data":"\#(data)"}}}"#)
            return await connection.turn() ?? []
        }
        let frames = outcome.value
        Self.expectServiceFrames(frames)
        let contents = frames.compactMap { $0.message?.serverContent }
        #expect(!contents.contains { $0.interrupted == true }, "interrupted only ever follows a model turn under way")
        let reply = contents.compactMap { $0.modelTurn?.parts.first?.text }.joined()
        #expect(reply.hasPrefix("Turn 1. I heard "), "\(reply)")
        #expect(contents.last?.turnComplete == true)
        #expect(contents.dropLast().last?.generationComplete == true)
    }

    @Test func aTextTurnWithNothingToSayIsOnlyItsEnd() async throws {
        let server = try await EmulatorHarness.start()
        let silence = Base64.encodedString([UInt8](repeating: 0, count: 16_000))
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-3.5-transcribe-live",
                    #""generationConfig":{"responseModalities":["TEXT"]},"realtimeInputConfig":{"automaticActivityDetection":{"disabled":true}}"#
                ))
            _ = await connection.next()
            try await connection.send(#"{"realtimeInput":{"activityStart":{}}}"#)
            try await connection.send(
                #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"\#(silence)"}}}"#)
            try await connection.send(#"{"realtimeInput":{"activityEnd":{}}}"#)
            return await connection.turn() ?? []
        }
        let frames = outcome.value
        Self.expectServiceFrames(frames)
        #expect(frames.map { Self.keys($0.json) } == [["serverContent"], ["serverContent", "usageMetadata"]])
        #expect(frames.first?.json == ["serverContent": ["generationComplete": true]])
        #expect(frames.last?.json?["serverContent"] == ["turnComplete": true])
    }

    @Test func theTranscribeModelAnswersWithTheUsersSpeechAsText() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run { try AudioFixtures.speech("hello world") }
        let silence = [Int16](repeating: 0, count: speech.rate)
        let messages = AudioFixtures.realtimeMessages(silence + speech.samples + silence, rate: speech.rate)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-3.5-transcribe-live",
                    #""generationConfig":{"responseModalities":["TEXT"]},"inputAudioTranscription":{"languageCodes":["en-US"]}"#
                ))
            _ = await connection.next()
            for message in messages { try await connection.send(message) }
            return await connection.turn() ?? []
        }
        let contents = outcome.value.compactMap { $0.message?.serverContent }
        let heard = contents.compactMap { $0.inputTranscription?.text }.joined()
        let text = contents.compactMap { $0.modelTurn?.parts.first?.text }.joined()
        #expect(heard.contains("hello"))
        #expect(text == heard, "the reply is the speech as text, nothing else")
    }

    @Test func extendedThinkingCompletesAFillerTurnInProgressThenAnswersAndGoesIdle() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-3.8-live-extended-thinking",
                    #""generationConfig":{"thinkingConfig":{"thinkingLevel":"high"}},"outputAudioTranscription":{}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("plan my week"))
            return await connection.collect(until: { $0.message?.serverContent?.interactionStatus == "IDLE" }) ?? []
        }
        let frames = outcome.value
        Self.expectServiceFrames(frames)
        let contents = frames.compactMap { $0.message?.serverContent }
        let ends = contents.indices.filter { contents[$0].turnComplete == true }
        #expect(ends.count == 2)
        #expect(ends.map { contents[$0].interactionStatus } == ["IN_PROGRESS", "IDLE"])
        #expect(frames[ends[0]].message?.usageMetadata?.responseTokenCount ?? 0 > 0, "each turn has its usage")
        let filler = contents[..<ends[0]].compactMap { $0.outputTranscription?.text }.joined()
        let answer = contents[ends[0]...].compactMap { $0.outputTranscription?.text }.joined()
        #expect(filler == ReplyPlayer.filler)
        #expect(answer == "Turn 1. You said: plan my week.")
        #expect(contents[ends[0] - 1].generationComplete == true)
        #expect(contents[ends[1] - 1].generationComplete == true)
    }

    @Test func contextUpdateChangesTheInstructionAndToolsOfLaterReplies() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try EmulatorScript(
            json: Array(#"{"rules":[{"reply":[{"say":"{{instruction}} Tools: {{tools}}."}]}]}"#.utf8))
        let server = try await EmulatorHarness.start(configuration)
        let update = #"""
            {"contextUpdate":{"systemInstruction":{"parts":[{"text":"Answer like a pirate."}]},"tools":{"tools":[{"functionDeclarations":[{"name":"get_weather"},{"name":"get_time"}]}]}}}
            """#
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-3.8-live",
                    #""systemInstruction":{"parts":[{"text":"Be brief."}]},"outputAudioTranscription":{}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("one"))
            let first = await connection.turn() ?? []
            try await connection.send(update)
            try await connection.send(LiveClient.textTurn("two"))
            return (first, await connection.turn() ?? [])
        }
        func transcript(_ frames: [ReceivedFrame]) -> String {
            frames.compactMap { $0.message?.serverContent?.outputTranscription?.text }.joined()
        }
        #expect(transcript(outcome.value.0) == "Be brief. Tools: .")
        #expect(transcript(outcome.value.1) == "Answer like a pirate. Tools: get_weather, get_time.")
    }

    @Test func contextUpdateIsRefusedByModelsBefore3Point8() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(model: "models/gemini-3.1-flash-live-preview"))
            _ = await connection.next()
            try await connection.send(#"{"contextUpdate":{"systemInstruction":{"parts":[{"text":"x"}]}}}"#)
            return await connection.next()
        }
        #expect(outcome.value == nil)
        #expect(outcome.closeCode == 1007)
        #expect(outcome.closeReason == CloseReason.invalidArgument.reason)
    }

    // MARK: - Vertex AI, over its own path

    static let vertexModel = "projects/p/locations/us-central1/publishers/google/models/"

    @Test func aSpokenReplyOnVertexAIHasItsRecordedShapes() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(
            server.url + VertexRouteTests.path(), headers: VertexRouteTests.bearer
        ) { connection in
            try await connection.send(
                LiveClient.setup(model: Self.vertexModel + "gemini-3.8-live", #""outputAudioTranscription":{}"#))
            let setupComplete = await connection.next()
            try await connection.send(LiveClient.textTurn("tell me about the weather in Paris today"))
            return (setupComplete, await connection.turn() ?? [])
        }
        let setupComplete = try #require(outcome.value.0)
        let frames = outcome.value.1
        Self.expectServiceFrames([setupComplete] + frames)
        let sessionID = try #require(setupComplete.json?["setupComplete"]?["sessionId"]?.stringValue)
        #expect(sessionID.wholeMatch(of: VertexWireShapeTests.uuid) != nil, "\(sessionID)")
        let contents = frames.compactMap { $0.json?["serverContent"] }
        #expect(contents.first == ["outputTranscription": [:]], "an empty transcription first")
        let turns = contents.compactMap { $0["modelTurn"] }
        #expect(!turns.isEmpty)
        #expect(turns.allSatisfy { Self.keys($0) == ["role", "parts"] && $0["role"] == "model" })
        let blobs = turns.compactMap { $0["parts"]?[0]?["inlineData"] }
        #expect(blobs.allSatisfy { $0["mimeType"] == "audio/pcm" })
        let sizes = blobs.compactMap { $0["data"]?.stringValue }.map { (try? Base64.decode($0))?.count ?? 0 }
        #expect(sizes.first == 9_600)
        #expect(sizes.dropFirst().dropLast().allSatisfy { $0 == 11_520 })
        #expect(
            Self.keys(frames.last?.json?["usageMetadata"]) == [
                "promptTokenCount", "candidatesTokenCount", "totalTokenCount", "trafficType", "promptTokensDetails",
                "candidatesTokensDetails",
            ])
    }

    @Test func functionCallsOnVertexAIHaveUUIDsAndMayBeAnsweredWithoutOne() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try EmulatorScript(json: Array(Self.callScript.utf8))
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(
            server.url + VertexRouteTests.path(), headers: VertexRouteTests.bearer
        ) { connection -> [ReceivedFrame] in
            try await connection.send(
                LiveClient.setup(
                    model: Self.vertexModel + "gemini-2.0-flash-live-001",
                    #""generationConfig":{"responseModalities":["TEXT"]}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("weather?"))
            guard var frames = await connection.collect(until: { $0.json?["toolCall"] != nil }) else { return [] }
            try await connection.send(
                #"{"toolResponse":{"functionResponses":[{"name":"get_weather","response":{"output":"sunny"}}]}}"#)
            frames += await connection.turn() ?? []
            return frames
        }
        let frames = outcome.value
        Self.expectServiceFrames(frames)
        let call = try #require(frames.first { $0.json?["toolCall"] != nil }?.json?["toolCall"]?["functionCalls"]?[0])
        #expect(Self.keys(call) == ["name", "args", "id"])
        let id = try #require(call["id"]?.stringValue)
        #expect(id.wholeMatch(of: VertexWireShapeTests.uuid) != nil, "\(id)")
        let reply = frames.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "It is sunny.")
        let roles = frames.compactMap { $0.json?["serverContent"]?["modelTurn"]?["role"] }
        #expect(!roles.isEmpty && roles.allSatisfy { $0 == "model" })
    }
}
