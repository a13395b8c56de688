import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct RecordedAttemptTests {
    /// Three turns: a spoken question answered after a tool call (server VAD, E = the last loud frame), a
    /// text question, and a realtime-text barge-in into its reply.
    static var threeTurns: String {
        var cassette = CassetteLines()
        cassette.client("0.0", ["setup": ["model": "models/m"]])
        cassette.server("0.05", ["setupComplete": [:]])
        // Turn 1: 300 ms of speech, the last 50 ms of the third chunk quiet, then two quiet chunks.
        cassette.client("1.0", CassetteLines.micAudio(amplitude: 1000))
        cassette.client("1.1", CassetteLines.micAudio(amplitude: 1000))
        cassette.client("1.2", CassetteLines.micAudio(amplitude: 1000, loudMilliseconds: 50))
        cassette.client("1.3", CassetteLines.micAudio(amplitude: 300))
        cassette.server("1.35", CassetteLines.serverContent(["inputTranscription": ["text": "what is the"]]))
        cassette.client("1.4", CassetteLines.micAudio(amplitude: 300))
        cassette.server("1.5", CassetteLines.serverContent(["inputTranscription": ["text": " weather"]]))
        cassette.server(
            "1.9", ["toolCall": ["functionCalls": [["id": "c1", "name": "get_weather", "args": ["city": "Paris"]]]]])
        cassette.client(
            "2.0",
            ["toolResponse": ["functionResponses": [["id": "c1", "name": "get_weather", "response": ["t": 21]]]]])
        cassette.server("2.45", CassetteLines.serverContent(["outputTranscription": ["text": "It is"]]))
        cassette.server("2.5", CassetteLines.modelAudio(100))
        cassette.server("2.55", CassetteLines.modelAudio(100))
        cassette.server("2.6", CassetteLines.modelAudio(100))
        cassette.server("2.65", CassetteLines.modelAudio(200))
        cassette.server("2.7", CassetteLines.serverContent(["generationComplete": true]))
        cassette.server(
            "2.75", ["serverContent": ["turnComplete": true], "usageMetadata": ["totalTokenCount": 40]])
        // The microphone goes on sending near-silence: no new turn.
        cassette.client("3.0", CassetteLines.micAudio(amplitude: 327))
        // Turn 2: text.
        cassette.client(
            "4.0",
            [
                "clientContent": [
                    "turns": [["role": "user", "parts": [["text": "Tell a story"]]]], "turnComplete": true,
                ]
            ])
        cassette.server("4.3", CassetteLines.serverContent(["outputTranscription": ["text": "Once"]]))
        cassette.server("4.4", CassetteLines.modelAudio(100))
        cassette.server("4.5", CassetteLines.modelAudio(100))
        cassette.server("4.6", CassetteLines.modelAudio(100))
        // Turn 3: the barge-in; the reply goes on for 150 ms of audio, then is cut.
        cassette.client("4.65", ["realtimeInput": ["text": "stop"]])
        cassette.server("4.7", CassetteLines.modelAudio(100))
        cassette.server("4.75", CassetteLines.modelAudio(50))
        cassette.server("4.8", CassetteLines.serverContent(["interrupted": true]))
        cassette.server("4.81", CassetteLines.serverContent(["turnComplete": true]))
        cassette.server("5.0", CassetteLines.serverContent(["inputTranscription": ["text": "stop"]]))
        cassette.server("5.2", CassetteLines.serverContent(["outputTranscription": ["text": "OK"]]))
        cassette.server(
            "5.25", CassetteLines.serverContent(["modelTurn": ["parts": [["text": "thinking", "thought": true]]]]))
        cassette.server("5.3", CassetteLines.serverContent(["modelTurn": ["parts": [["text": "OK."]]]]))
        cassette.server("5.4", CassetteLines.modelAudio(100))
        cassette.server("5.5", CassetteLines.serverContent(["turnComplete": true]))
        return cassette.text
    }

    private func attempt(_ text: String) throws -> RecordedAttempt {
        RecordedAttempt(try FrameRecording(ndjson: Array(text.utf8), source: "hand.ndjson"))
    }

    @Test func spokenQuestionWithAToolCall() throws {
        let turns = try attempt(Self.threeTurns).turns
        #expect(turns.count == 3)
        let first = turns[0]
        #expect(first.inputStart == 1_000_000)
        #expect(first.inputEnd == 1_200_000)
        #expect(first.inputEndSource == .speech)
        #expect(!first.isBargeIn)
        #expect(
            first.latency == [
                .firstInputTranscript: 150, .toolCall: 700, .firstOutputTranscript: 1250, .firstAudio: 1300,
                .turnComplete: 1550, .realTimeFactor: 500.0 / 150.0, .maxGap: 450,
            ])
    }

    @Test func textQuestionCutShortByABargeIn() throws {
        let second = try attempt(Self.threeTurns).turns[1]
        #expect(second.inputStart == 4_000_000)
        #expect(second.inputEnd == 4_000_000)
        #expect(second.inputEndSource == .text)
        #expect(!second.isBargeIn)
        // The reply's tail after the barge-in is still its own: 450 ms of audio from 4.4 s to 4.75 s.
        #expect(
            second.latency == [
                .firstOutputTranscript: 300, .firstAudio: 400, .turnComplete: 810, .realTimeFactor: 450.0 / 350.0,
                .maxGap: 100,
            ])
    }

    @Test func bargeInFiguresCountFromItsFirstFrame() throws {
        let third = try attempt(Self.threeTurns).turns[2]
        #expect(third.inputStart == 4_650_000)
        #expect(third.inputEnd == 4_650_000)
        #expect(third.inputEndSource == .text)
        #expect(third.isBargeIn)
        #expect(
            third.latency == [
                .interrupted: 150, .audioAfterBargeIn: 150, .firstInputTranscript: 350, .firstOutputTranscript: 550,
                .firstText: 650, .firstAudio: 750, .turnComplete: 850, .maxGap: 100,
            ])
    }

    @Test func activityMarkersAnchorTheTurnAndMillisecondTimesAreRead() throws {
        var text = ""
        func line(_ t: String, _ direction: String, _ message: JSONValue) {
            text += #"{"t":\#(t),"direction":"\#(direction)","frame":"text","message":\#(message)}"# + "\n"
        }
        line("500", "client", ["realtimeInput": ["activityStart": [:]]])
        line("600", "client", CassetteLines.micAudio(amplitude: 20000))
        line("700", "client", CassetteLines.micAudio(amplitude: 20000))
        line("850.5", "client", ["realtimeInput": ["activityEnd": [:]]])
        line("1234.5", "server", CassetteLines.modelAudio(100))
        line("1334.5", "server", CassetteLines.modelAudio(100))
        line("1400", "server", CassetteLines.serverContent(["turnComplete": true]))
        let turns = try attempt(text).turns
        #expect(turns.count == 1)
        #expect(turns[0].inputStart == 500_000)
        #expect(turns[0].inputEnd == 850_500)
        #expect(turns[0].inputEndSource == .marker)
        #expect(turns[0].latency == [.firstAudio: 384, .turnComplete: 549.5, .realTimeFactor: 2, .maxGap: 100])
    }

    @Test func aMarkerSentAfterTheSpeechStillWins() throws {
        var cassette = CassetteLines()
        cassette.client("1", CassetteLines.micAudio(amplitude: 5000))
        cassette.client("1.1", CassetteLines.micAudio(amplitude: 0))
        cassette.client("1.9", ["realtimeInput": ["audioStreamEnd": true]])
        cassette.server("2.2", CassetteLines.modelAudio(40))
        cassette.server("2.3", CassetteLines.serverContent(["turnComplete": true]))
        let turn = try #require(try attempt(cassette.text).turns.first)
        #expect(turn.inputEnd == 1_900_000)
        #expect(turn.inputEndSource == .marker)
        #expect(turn.latency[.firstAudio] == 300)
        #expect(turn.latency[.realTimeFactor] == nil)
    }

    @Test func silenceAloneIsNoTurnAndATurnWithoutEndHasNoAnchoredFigures() throws {
        var cassette = CassetteLines()
        cassette.client("1", CassetteLines.micAudio(amplitude: 100))
        cassette.server("1.5", CassetteLines.modelAudio(100))
        #expect(try attempt(cassette.text).turns.isEmpty)

        var picture = CassetteLines()
        picture.client("1", ["realtimeInput": ["video": ["mimeType": "image/jpeg", "data": "AAAA"]]])
        picture.server("1.5", CassetteLines.modelAudio(100))
        let turns = try attempt(picture.text).turns
        #expect(turns.count == 1)
        #expect(turns[0].inputEnd == nil)
        #expect(turns[0].latency == [.maxGap: 0])
    }

    @Test func moreSpeechBeforeTheReplyExtendsTheTurn() throws {
        var cassette = CassetteLines()
        cassette.client("1", CassetteLines.micAudio(amplitude: 5000))
        cassette.client("1.1", CassetteLines.micAudio(amplitude: 0))
        cassette.server("1.15", CassetteLines.serverContent(["inputTranscription": ["text": "so"]]))
        cassette.client("1.6", CassetteLines.micAudio(amplitude: 5000))
        cassette.server("2.1", CassetteLines.modelAudio(100))
        // After the reply has started, speech is a new turn: a barge-in, since the reply is still open.
        cassette.client("2.15", CassetteLines.micAudio(amplitude: 5000))
        cassette.server("2.2", CassetteLines.modelAudio(100))
        cassette.server("2.3", CassetteLines.serverContent(["interrupted": true]))
        let turns = try attempt(cassette.text).turns
        #expect(turns.count == 2)
        #expect(turns[0].inputEnd == 1_600_000)
        #expect(turns[0].latency[.firstInputTranscript] == -450)
        #expect(turns[0].latency[.firstAudio] == 500)
        #expect(turns[0].latency[.realTimeFactor] == 2)
        #expect(turns[1].isBargeIn)
        #expect(turns[1].latency == [.interrupted: 150, .audioAfterBargeIn: 100])
    }
}

extension RecordedAttemptTests {
    @Test func whatClosesACutReplyStaysWithIt() throws {
        var cassette = CassetteLines()
        cassette.client("1", ["clientContent": ["turns": [], "turnComplete": true]])
        cassette.server("1.2", CassetteLines.modelAudio(100))
        cassette.client("1.25", ["realtimeInput": ["activityStart": [:]]])
        cassette.server("1.3", CassetteLines.serverContent(["interrupted": true]))
        cassette.server("1.31", CassetteLines.serverContent(["generationComplete": true]))
        cassette.server("1.32", CassetteLines.serverContent(["turnComplete": true]))
        cassette.client("1.5", ["realtimeInput": ["activityEnd": [:]]])
        cassette.server("1.8", CassetteLines.modelAudio(100))
        cassette.server("1.9", CassetteLines.serverContent(["turnComplete": true]))
        let turns = try attempt(cassette.text).turns
        #expect(turns.count == 2)
        #expect(turns[0].latency == [.firstAudio: 200, .turnComplete: 320, .maxGap: 100])
        #expect(turns[1].inputEndSource == .marker)
        #expect(
            turns[1].latency == [
                .interrupted: 50, .audioAfterBargeIn: 0, .firstAudio: 300, .turnComplete: 400, .maxGap: 100,
            ])
    }

    @Test func aCutReplyWithoutTurnCompleteEndsAtTheNextContent() throws {
        var cassette = CassetteLines()
        cassette.client("1", ["realtimeInput": ["text": "story"]])
        cassette.server("1.2", CassetteLines.modelAudio(100))
        cassette.client("1.25", ["realtimeInput": ["text": "stop"]])
        cassette.server("1.3", CassetteLines.serverContent(["interrupted": true]))
        cassette.server("1.6", CassetteLines.serverContent(["outputTranscription": ["text": "OK"]]))
        cassette.server("1.7", CassetteLines.serverContent(["turnComplete": true]))
        let turns = try attempt(cassette.text).turns
        #expect(turns.count == 2)
        #expect(turns[0].latency == [.firstAudio: 200, .maxGap: 100])
        #expect(
            turns[1].latency == [
                .interrupted: 50, .audioAfterBargeIn: 0, .firstOutputTranscript: 350, .turnComplete: 450, .maxGap: 100,
            ])
    }
}

extension RecordedAttemptTests {
    @Test func repliesHoldWhatTheQueriesLookAt() throws {
        let turns = try attempt(Self.threeTurns).turns
        #expect(
            turns[0].reply
                == RecordedTurn.Reply(
                    inputTranscript: "what is the weather", outputTranscript: "It is", text: nil,
                    calls: [["name": "get_weather", "args": ["city": "Paris"]]],
                    events: [
                        "inputTranscription", "toolCall", "outputTranscription", "modelTurn", "generationComplete",
                        "turnComplete", "usageMetadata",
                    ], audioMilliseconds: 500, interrupted: false, responded: true, notTruncated: true,
                    usage: ["totalTokenCount": 40]))
        #expect(
            turns[1].reply
                == RecordedTurn.Reply(
                    outputTranscript: "Once",
                    events: ["outputTranscription", "modelTurn", "interrupted", "turnComplete"],
                    audioMilliseconds: 450, interrupted: true, responded: true, notTruncated: false))
        #expect(
            turns[2].reply
                == RecordedTurn.Reply(
                    inputTranscript: "stop", outputTranscript: "OK", text: "OK.",
                    events: ["interrupted", "inputTranscription", "outputTranscription", "modelTurn", "turnComplete"],
                    audioMilliseconds: 100, interrupted: true, responded: true, notTruncated: false))
        #expect(turns[0].value(of: .toolCalls) == 1)
        #expect(turns[0].value(of: .usage("totalTokenCount")) == 40)
        #expect(turns[0].value(of: .usage("promptTokenCount")) == nil)
        #expect(turns[0].value(of: .maxGapMilliseconds) == 450)
        #expect(turns[0].value(of: .latency(.firstAudio)) == 1300)
        #expect(turns[0].value(of: .latency(.interrupted)) == nil)
        #expect(turns[1].value(of: .text) == nil)
        #expect(turns[2].value(of: .closeCode) == nil)
    }

    @Test func aCloseBelongsToTheTurnInProgress() throws {
        var cassette = CassetteLines()
        cassette.client("1", ["realtimeInput": ["text": "hello"]])
        cassette.close("1.5", code: 1008, reason: "policy")
        let recorded = try attempt(cassette.text)
        #expect(recorded.closeCode == 1008)
        #expect(recorded.turns.first?.value(of: .closeCode) == 1008)
        #expect(recorded.turns.first?.value(of: .responded) == false)
        #expect(recorded.turns.first?.value(of: .outputTranscript) == nil)
    }

    /// The issue's example scenario, checked against a recording of the run it describes.
    @Test func theIssueExampleHoldsForARecordingOfItsRun() throws {
        var cassette = CassetteLines()
        cassette.client("1.0", CassetteLines.micAudio(amplitude: 8000))
        cassette.client("1.1", CassetteLines.micAudio(amplitude: 8000))
        cassette.client("1.2", CassetteLines.micAudio(amplitude: 0))
        cassette.server(
            "1.3", CassetteLines.serverContent(["inputTranscription": ["text": "what is the weather in Paris"]]))
        cassette.server(
            "1.6",
            [
                "toolCall": [
                    "functionCalls": [["id": "1", "name": "get_weather", "args": ["city": "Paris", "units": "c"]]]
                ]
            ])
        cassette.client("1.7", ["toolResponse": ["functionResponses": [["id": "1", "response": ["sky": "sunny"]]]]])
        cassette.server("2.0", CassetteLines.serverContent(["outputTranscription": ["text": "It is sunny"]]))
        cassette.server("2.1", CassetteLines.modelAudio(500))
        cassette.server("2.2", CassetteLines.modelAudio(500))
        cassette.client("2.9", ["realtimeInput": ["text": "never mind, thanks"]])
        cassette.server("3.0", CassetteLines.modelAudio(200))
        cassette.server("3.2", CassetteLines.serverContent(["interrupted": true]))
        cassette.server("3.25", CassetteLines.serverContent(["turnComplete": true]))
        cassette.server("3.5", CassetteLines.serverContent(["outputTranscription": ["text": "OK"]]))
        cassette.server("3.6", CassetteLines.serverContent(["turnComplete": true]))
        let turns = try attempt(cassette.text).turns
        #expect(turns.count == 2)
        #expect(turns[0].latency[.firstAudio] == 1000)
        #expect(turns[1].latency[.interrupted] == 300)
        #expect(turns[1].latency[.audioAfterBargeIn] == 200)

        let scenario = try Scenario(yaml: ScenarioParsingTests.issueExample, path: "weather.yaml")
        for (step, turn) in zip(scenario.turns, turns) {
            for expectation in step.expectations {
                #expect(
                    expectation.holds(in: turn), "\(expectation.location): \(expectation.key) \(expectation.predicate)")
            }
        }
        let stricter = try Scenario(
            yaml: ScenarioParsingTests.issueExample.replacingOccurrences(of: "{lt: 2500}", with: "{lt: 1000}"),
            path: "weather.yaml")
        let failing = stricter.turns[0].expectations.filter { !$0.holds(in: turns[0]) }
        #expect(failing.map(\.location.description) == ["weather.yaml:22:9"])
    }
}
