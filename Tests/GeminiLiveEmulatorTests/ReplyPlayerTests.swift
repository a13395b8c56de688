import GeminiLiveProtocol
import Testing

@testable import GeminiLiveEmulator

/// Reply playback alone: events in, actions out, on a hand-advanced clock; no sockets, no threads, no sleeps.
struct ReplyPlayerTests {
    static func request(
        _ texts: [String] = [], modality: String = "TEXT", audio: [Int16] = [], transcribeInput: Bool = false,
        transcribeOutput: Bool = false, model: String = "gemini-2.0-flash-live-001", backend: Backend = .geminiAPI
    ) -> ReplyRequest {
        var input = TurnInput(kind: audio.isEmpty ? .text : .audio)
        input.texts = texts
        input.audio = audio
        let profile = ModelCatalogue.standard.model(named: model)!
        return ReplyRequest(
            turn: 1, input: input, modality: modality, transcribeInput: transcribeInput,
            transcribeOutput: transcribeOutput, model: profile,
            dialect: WireDialect.of(backend), systemInstruction: "", functionNames: [], history: [])
    }

    static func script(_ json: String) throws -> EmulatorScript {
        try EmulatorScript(json: Array(json.utf8))
    }

    static let weather = #"""
        {"rules":[{"match":{"text":"weather"},"reply":[{"say":"Let me look."},
        {"toolCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_1"}},{"say":"It is {{response}} in Paris."}]}]}
        """#

    static func answer(_ id: String, _ output: JSONValue) -> FunctionResponse {
        FunctionResponse(id: id, name: "get_weather", response: ["output": output])
    }

    @Test func aTextReplyStreamsPiecesFifteenMillisecondsApartThenFinishes() {
        var playback = ManualPlayback(
            ReplyPlayer(
                request: Self.request(["the quick brown fox jumps over the lazy dog"]), script: nil, usedRules: []))
        playback.deliver(.start)
        playback.run()
        let expected = "Turn 1. You said: the quick brown fox jumps over the lazy dog."
        #expect(playback.text == expected)
        #expect(playback.sent.count >= 3)
        #expect(playback.sent.enumerated().allSatisfy { $0.element.at == .milliseconds(15 * $0.offset) })
        guard case .finish(let user, let model, let tokens)? = playback.log.last?.action else {
            Issue.record("no finish: \(playback.log.map(\.action))")
            return
        }
        #expect(user == "the quick brown fox jumps over the lazy dog")
        #expect(model == expected)
        #expect(tokens == TokenEstimate.text(expected))
        #expect(playback.player.isFinished)
    }

    @Test func audioWaitsForItsSpeechThenPlaysAtTwiceRealTime() {
        var playback = ManualPlayback(
            ReplyPlayer(request: Self.request(["hello"], modality: "AUDIO"), script: nil, usedRules: []))
        #expect(playback.deliver(.start) == [.synthesize("Turn 1. You said: hello.")])
        #expect(playback.deliver(.timerFired(1)).isEmpty, "nothing is sent before the speech is ready")
        let speech = (0..<144_000).map { Int16(truncatingIfNeeded: $0) }
        playback.run(speech: { _ in speech })
        let chunks = playback.sent.compactMap { entry -> (at: Duration, samples: [Int16])? in
            guard let blob = entry.message.serverContent?.modelTurn?.parts.first?.inlineData else { return nil }
            return (entry.at, AudioFixtures.pcm(blob.data))
        }
        #expect(chunks.flatMap(\.samples) == speech)
        // The service's pieces: 9,600 bytes (200 ms) first, then 11,520 bytes (240 ms); only the last is shorter.
        #expect(chunks.first?.samples.count == 4_800)
        #expect(chunks.dropFirst().dropLast().allSatisfy { $0.samples.count == 5_760 })
        #expect((1...5_760).contains(chunks.last?.samples.count ?? 0))
        // A chunk that opens a burst goes out when half the audio before it would have played; pauses are whole
        // milliseconds, cut down, so each burst may come up to a millisecond earlier.
        var before = 0
        var bursts = 0
        for (index, chunk) in chunks.enumerated() {
            if index > 0, chunk.at != chunks[index - 1].at {
                bursts += 1
                let due = Duration.microseconds(before * 1_000_000 / 48_000)
                #expect(chunk.at <= due && chunk.at >= due - .milliseconds(bursts), "chunk \(index)")
            }
            before += chunk.samples.count
        }
        #expect(chunks.prefix { $0.at == .zero }.reduce(0) { $0 + $1.samples.count } > 12_000, "a head start")
        #expect(bursts >= 5)
        #expect(playback.player.isFinished)
    }

    @Test func aToolCallWaitsForItsResponseHoweverLongThenTheAnswerFillsTheReply() throws {
        var playback = ManualPlayback(
            ReplyPlayer(
                request: Self.request(["what is the weather"]), script: try Self.script(Self.weather), usedRules: []))
        playback.deliver(.start)
        playback.run()
        #expect(playback.log.first?.action == .useRule(0))
        #expect(playback.text == "Let me look.")
        let call = FunctionCall(id: "call_1", name: "get_weather", args: ["city": "Paris"])
        #expect(playback.sent.last?.message == ServerMessage(.toolCall(ToolCall(functionCalls: [call]))))
        #expect(playback.timers.isEmpty, "no timeout: the reply waits for the answer as long as the connection lasts")
        #expect(playback.player.pendingToolCall?.call == call)
        #expect(playback.player.pendingToolCall?.remaining == [.say("It is {{response}} in Paris.")])
        playback.wait(.seconds(3600))
        #expect(playback.deliver(.toolResponse(Self.answer("call_2", "rainy"))).isEmpty, "not the awaited call")
        #expect(!playback.player.isFinished)
        playback.deliver(.toolResponse(Self.answer("call_1", "sunny")))
        playback.run()
        #expect(playback.text == "Let me look. It is sunny in Paris.")
        guard case .finish(_, let model, _)? = playback.log.last?.action else {
            Issue.record("no finish")
            return
        }
        #expect(model == "Let me look. It is sunny in Paris.")
        #expect(playback.player.pendingToolCall == nil)
    }

    @Test func aResumedReplyAsksForThePendingCallAgainThenGoesOn() throws {
        let script = try Self.script(
            #"{"rules":[{"reply":[{"say":"Let me look."},{"toolCall":{"name":"get_weather","args":{}}},{"say":"It is {{response}}."}]}]}"#
        )
        var first = ManualPlayback(ReplyPlayer(request: Self.request(["hi"]), script: script, usedRules: []))
        first.deliver(.start)
        first.run()
        let pending = try #require(first.player.pendingToolCall)
        let id = try #require(pending.call.id)
        #expect(id.wholeMatch(of: /function-call-[0-9]{19}/) != nil, "the Gemini API's shape")
        #expect(id == WireDialect.geminiAPI.functionCallID(turn: 1, call: 1), "generated from the turn and the call")
        // A new connection takes the reply up: the same call again, nothing said twice.
        var resumed = ManualPlayback(ReplyPlayer(resuming: pending))
        #expect(resumed.deliver(.start) == [.send(ServerMessage(.toolCall(ToolCall(functionCalls: [pending.call]))))])
        resumed.deliver(.toolResponse(Self.answer(id, "sunny")))
        resumed.run()
        // The turn said "Let me look." before the call, so its words go on after a space.
        #expect(resumed.text == " It is sunny.")
        guard case .finish(let user, let model, _)? = resumed.log.last?.action else {
            Issue.record("no finish")
            return
        }
        #expect(user == "hi")
        #expect(model == "Let me look. It is sunny.")
    }

    @Test func aScriptedDelayHoldsTheReplyOnTheClock() throws {
        let script = try Self.script(#"{"rules":[{"reply":[{"say":"one"},{"delay":1.5},{"say":"two"}]}]}"#)
        var playback = ManualPlayback(ReplyPlayer(request: Self.request(["go"]), script: script, usedRules: []))
        playback.deliver(.start)
        playback.run()
        #expect(playback.sent.map(\.at) == [.zero, .milliseconds(1500)])
        #expect(playback.text == "one two")
    }

    @Test func aStallHoldsTheReplyBackThenSpeechIsRecognisedBeforeTheRuleIsChosen() throws {
        let script = try Self.script(
            #"{"rules":[{"match":{"text":"weather"},"once":true,"reply":[{"say":"Sunny."}]}]}"#)
        let audio = [Int16](repeating: 100, count: 16_000)
        var playback = ManualPlayback(
            ReplyPlayer(
                request: Self.request(audio: audio, transcribeInput: true), script: script, usedRules: [],
                stall: .milliseconds(800)))
        #expect(playback.deliver(.start) == [.schedule(timer: 1, at: playback.origin + .milliseconds(800))])
        let fired = playback.fireNextTimer()
        #expect(fired)
        #expect(playback.log.last?.action == .transcribe(audio))
        playback.run(transcript: "what is the weather")
        let heard = ServerMessage(
            .serverContent(ServerContent(inputTranscription: Transcription(text: "what is the weather"))))
        #expect(playback.sent.first?.message == heard)
        #expect(playback.sent.allSatisfy { $0.at == .milliseconds(800) })
        #expect(playback.text == "Sunny.")
        #expect(playback.log.contains { $0.action == .useRule(0) })
        // A `once` rule already used on the connection is skipped: the default description answers.
        var again = ManualPlayback(
            ReplyPlayer(request: Self.request(audio: audio), script: script, usedRules: [0]))
        again.deliver(.start)
        again.run(transcript: "what is the weather")
        #expect(again.text.hasPrefix("Turn 1. I heard 1.0 seconds of audio: what is the weather."))
    }

    @Test func scriptedInterruptAndFaultsEndTheReplyButGoAwayAndSlowPongsDoNot() throws {
        let script = try Self.script(
            #"{"rules":[{"match":{"turn":1},"reply":[{"slowPongs":2},{"say":"cut"},{"fault":"goAway"},{"interrupt":true},{"say":"never"}]}]}"#
        )
        var playback = ManualPlayback(ReplyPlayer(request: Self.request(["x"]), script: script, usedRules: []))
        playback.deliver(.start)
        playback.run()
        #expect(
            playback.log.map(\.action).filter { if case .send = $0 { false } else { true } } == [
                .useRule(0), .slowPongs(2), .fault(.goAway), .interrupt(userText: "x", modelText: "cut"),
            ])
        #expect(playback.text == "cut")
        #expect(playback.player.isFinished)
        let dropping = try Self.script(#"{"rules":[{"reply":[{"fault":"drop"},{"say":"never"}]}]}"#)
        var dropped = ManualPlayback(ReplyPlayer(request: Self.request(["x"]), script: dropping, usedRules: []))
        dropped.deliver(.start)
        dropped.run()
        #expect(dropped.log.map(\.action) == [.useRule(0), .fault(.drop)])
        #expect(dropped.player.isFinished)
    }

    @Test func bargeInMidReplyStopsTheAudio() throws {
        var options = SessionOptions()
        options.makeHandle = { "h" }
        var session = EmulatedSession(options: options)
        _ = session.receive(Array(#"{"setup":{"model":"models/gemini-3.8-live"}}"#.utf8))
        guard case .startReply(let request)? = session.receive(Array(#"{"realtimeInput":{"text":"talk"}}"#.utf8)).last
        else {
            Issue.record("no reply")
            return
        }
        var playback = ManualPlayback(ReplyPlayer(request: request, script: nil, usedRules: []))
        playback.deliver(.start)
        playback.deliver(.speechReady([Int16](repeating: 1000, count: 72_000)))
        let fired = playback.fireNextTimer()
        #expect(fired)
        let sentBefore = playback.sent.count
        #expect(sentBefore > 1)
        for entry in playback.sent {
            #expect(session.replyOutput(turn: request.turn, message: entry.message) == [.send(entry.message)])
        }
        // The user speaks: the session cuts the reply off and says so; the player stops at once.
        let barge = session.receive(Array(#"{"realtimeInput":{"text":"stop"}}"#.utf8))
        #expect(barge.first == .cancelReply(turn: 1))
        #expect(barge.dropFirst().first == .send(ServerMessage(.serverContent(ServerContent(interrupted: true)))))
        let pending = try #require(playback.timers.keys.first)
        #expect(playback.deliver(.interrupted) == [.cancelTimer(pending)])
        #expect(playback.timers.isEmpty)
        #expect(playback.deliver(.timerFired(pending)).isEmpty)
        #expect(playback.sent.count == sentBefore)
        #expect(playback.player.isFinished)
        #expect(playback.player.pendingToolCall == nil, "an interruption leaves nothing to resume")
    }

    /// Work under way off-thread, or an answer on its way, may finish after the reply was cut off: it is ignored.
    @Test func anInterruptedReplyIgnoresLateSpeechTranscriptsAndAnswers() throws {
        var speaking = ManualPlayback(
            ReplyPlayer(request: Self.request(["hi"], modality: "AUDIO"), script: nil, usedRules: []))
        speaking.deliver(.start)
        #expect(speaking.deliver(.interrupted).isEmpty, "no timer to cancel")
        #expect(speaking.deliver(.speechReady([Int16](repeating: 1000, count: 24_000))).isEmpty)
        var listening = ManualPlayback(
            ReplyPlayer(request: Self.request(audio: [1, 2, 3], transcribeInput: true), script: nil, usedRules: []))
        listening.deliver(.start)
        listening.deliver(.interrupted)
        #expect(listening.deliver(.transcribed("hello")).isEmpty)
        var calling = ManualPlayback(
            ReplyPlayer(
                request: Self.request(["what is the weather"]), script: try Self.script(Self.weather), usedRules: []))
        calling.deliver(.start)
        calling.run()
        calling.deliver(.interrupted)
        #expect(calling.player.pendingToolCall == nil)
        #expect(calling.deliver(.toolResponse(Self.answer("call_1", "sunny"))).isEmpty)
        #expect(calling.deliver(.start).isEmpty, "a reply starts once")
    }
}
