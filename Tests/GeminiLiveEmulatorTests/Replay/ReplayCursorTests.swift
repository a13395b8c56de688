@testable import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveTestSupport
import Testing

/// The replay cursor alone: recorded frames and live client messages in, actions out, on a stepped clock.
struct ReplayCursorTests {
    typealias F = ReplayFixtures

    /// Setup, then 300 ms of 16 kHz audio in three chunks, then a reply.
    static let audioRecording = [
        F.client(0, F.setup), F.server(10, F.setupComplete),
        F.client(100, F.audio(bytes: 3200)), F.client(200, F.audio(bytes: 3200)), F.client(300, F.audio(bytes: 3200)),
        F.server(700, F.reply("heard you")), F.server(710, F.turnComplete),
    ]

    @Test func setupCompleteFollowsTheMatchingSetup() {
        var cursor = F.cursor(Self.audioRecording)
        #expect(cursor.start().isEmpty)
        #expect(F.sent(cursor.receive(message: F.setup)) == [F.setupComplete])
    }

    @Test func rechunkedAudioMatches() {
        var cursor = F.cursor(Self.audioRecording)
        _ = cursor.receive(message: F.setup)
        // Seven chunks, 9600 bytes in all, as three were recorded: nothing diverges, and the reply waits
        // until the live audio is within a recorded chunk (100 ms) of the 300 ms before it.
        var replies: [[JSONValue]] = []
        for bytes in [1372, 1372, 1372, 1372, 1372, 1372, 1368] {
            let actions = cursor.receive(message: F.audio(bytes: bytes))
            #expect(F.closed(actions) == nil)
            replies.append(F.sent(actions))
        }
        let early = replies[0...3].allSatisfy { $0.isEmpty }
        #expect(early)
        #expect(Array(replies.joined()) == [F.reply("heard you"), F.turnComplete])
        #expect(!cursor.finished)
    }

    @Test func resampledAudioMatches() {
        var cursor = F.cursor(Self.audioRecording)
        _ = cursor.receive(message: F.setup)
        // 300 ms at 24 kHz is 14 400 bytes where 16 kHz took 9600.
        var sent: [JSONValue] = []
        for _ in 0..<3 {
            let actions = cursor.receive(message: F.audio(bytes: 4800, rate: 24_000))
            #expect(F.closed(actions) == nil)
            sent += F.sent(actions)
        }
        #expect(sent == [F.reply("heard you"), F.turnComplete])
    }

    @Test func audioBeyondTheRecordingDiverges() {
        var cursor = F.cursor(Self.audioRecording)
        _ = cursor.receive(message: F.setup)
        for _ in 0..<3 { _ = cursor.receive(message: F.audio(bytes: 3200)) }
        let actions = cursor.receive(message: F.audio(bytes: 6400))
        #expect(
            F.closed(actions)
                == CloseReason(
                    code: 1011,
                    reason:
                        "replay diverged at client frame 5: /realtimeInput/audio: recorded 0.300 s of audio, got 0.500 s"
                ))
        #expect(cursor.finished)
    }

    @Test func changedTextDivergesWithItsPointer() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("hi")),
            F.server(300, F.reply("hello")),
        ])
        _ = cursor.receive(message: F.setup)
        let actions = cursor.receive(message: F.text("ho"))
        #expect(F.sent(actions).isEmpty)
        #expect(
            F.closed(actions)
                == CloseReason(
                    code: 1011,
                    reason:
                        #"replay diverged at client frame 2: /clientContent/turns/0/parts/0/text: recorded "hi", got "ho""#
                ))
        guard case .report(let divergence) = actions.first else {
            Issue.record("no report before the close: \(actions)")
            return
        }
        #expect(divergence.clientFrame == 2)
        #expect(divergence.pointer == "/clientContent/turns/0/parts/0/text")
        #expect(divergence.source == "test")
        #expect(cursor.receive(message: F.text("hi")).isEmpty)
    }

    @Test func spellingAndDefaultsDoNotDiverge() throws {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("what  is\n the time")),
            F.server(300, F.reply("noon")),
        ])
        _ = cursor.receive(message: F.setup)
        let live = try JSONParser.parse(
            Array(
                #"{"client_content":{"turns":[{"role":"user","parts":[{"text":" what is the\ttime ","inline_data":null}]}],"turn_complete":true,"extra":false}}"#
                    .utf8))
        let actions = cursor.receive(message: live)
        #expect(F.sent(actions) == [F.reply("noon")], "\(actions)")
    }

    @Test func changedSetupDivergesAtTheFirstFrame() {
        var cursor = F.cursor(Self.audioRecording)
        let actions = cursor.receive(message: ["setup": ["model": "gemini-2.0-live"]])
        #expect(
            F.closed(actions)?.reason
                == #"replay diverged at client frame 1: /setup/model: recorded "models/gemini-3.8-live", got "models/gemini-2.0-live""#
        )
    }

    @Test func serverFramesWaitForTheirGate() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("one")),
            F.server(30, F.reply("first")), F.client(40, F.text("two")), F.server(50, F.reply("second")),
        ])
        #expect(F.sent(cursor.receive(message: F.setup)) == [F.setupComplete])
        #expect(F.sent(cursor.receive(message: F.text("one"))) == [F.reply("first")])
        #expect(F.sent(cursor.receive(message: F.text("two"))) == [F.reply("second")])
    }

    @Test func modalitiesKeepNoOrderBetweenThem() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, ["realtimeInput": ["text": "look"]]),
            F.client(30, ["realtimeInput": ["activityStart": [:]]]), F.server(40, F.reply("looking")),
        ])
        _ = cursor.receive(message: F.setup)
        #expect(F.sent(cursor.receive(message: ["realtimeInput": ["activityStart": [:]]])).isEmpty)
        #expect(F.sent(cursor.receive(message: ["realtimeInput": ["text": "look"]])) == [F.reply("looking")])
    }

    @Test func orderWithinAModalityIsStrict() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.client(20, ["realtimeInput": ["activityStart": [:]]]),
            F.client(30, ["realtimeInput": ["activityEnd": [:]]]),
        ])
        _ = cursor.receive(message: F.setup)
        let actions = cursor.receive(message: ["realtimeInput": ["activityEnd": [:]]])
        #expect(
            F.closed(actions)?.reason
                == #"replay diverged at client frame 2: /realtimeInput/activityEnd: recorded "activityStart", got "activityEnd""#
        )
    }

    @Test func delaysAreScaledBySpeed() {
        let clock = ManualClock()
        let frames = [
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(100, F.text("hi")),
            F.server(500, F.reply("hello")), F.server(600, F.turnComplete),
        ]
        var cursor = F.cursor(frames, clock: clock, speed: 2)
        #expect(cursor.receive(message: F.setup) == [.schedule(after: .milliseconds(5))])
        clock.advance(by: .milliseconds(5))
        #expect(F.sent(cursor.timerFired()) == [F.setupComplete])
        clock.advance(by: .seconds(3))  // the client takes its time: the delay runs from its frame, not the recording
        #expect(cursor.receive(message: F.text("hi")) == [.schedule(after: .milliseconds(200))])
        clock.advance(by: .milliseconds(199))
        #expect(cursor.timerFired() == [.schedule(after: .milliseconds(1))])
        clock.advance(by: .milliseconds(1))
        #expect(cursor.timerFired() == [.send(F.reply("hello"), binary: true), .schedule(after: .milliseconds(50))])
        clock.advance(by: .milliseconds(50))
        #expect(F.sent(cursor.timerFired()) == [F.turnComplete])

        var immediate = F.cursor(frames, clock: clock, speed: 0)
        #expect(F.sent(immediate.receive(message: F.setup)) == [F.setupComplete])
        #expect(F.sent(immediate.receive(message: F.text("hi"))) == [F.reply("hello"), F.turnComplete])
    }

    @Test func toolCallIdsMustBeEchoed() {
        let call: JSONValue = ["toolCall": ["functionCalls": [["id": "call_7", "name": "get_weather", "args": [:]]]]]
        func response(_ id: String) -> JSONValue {
            [
                "toolResponse": [
                    "functionResponses": [["id": .string(id), "name": "get_weather", "response": ["ok": false]]]
                ]
            ]
        }
        let frames = [
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("weather?")),
            F.server(30, call), F.client(40, response("call_7")), F.server(50, F.reply("sunny")),
        ]
        var cursor = F.cursor(frames)
        _ = cursor.receive(message: F.setup)
        #expect(F.sent(cursor.receive(message: F.text("weather?"))) == [call])
        #expect(F.sent(cursor.receive(message: response("call_7"))) == [F.reply("sunny")])

        var wrong = F.cursor(frames)
        _ = wrong.receive(message: F.setup)
        _ = wrong.receive(message: F.text("weather?"))
        #expect(
            F.closed(wrong.receive(message: response("call_1")))?.reason
                == #"replay diverged at client frame 3: /toolResponse/functionResponses/0/id: recorded "call_7", got "call_1""#
        )
    }

    @Test func theRecordedCloseEndsTheReplay() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("bye")),
            RecordedFrame(time: 30_000, direction: .server, kind: "close", closeCode: 1000, reason: "done"),
            F.server(40, F.reply("never")),
        ])
        _ = cursor.receive(message: F.setup)
        #expect(cursor.receive(message: F.text("bye")) == [.close(CloseReason(code: 1000, reason: "done"))])
        #expect(cursor.finished)
    }

    @Test func aRecordedDropDropsAgain() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete), F.client(20, F.text("hi")),
            RecordedFrame(time: 30_000, direction: .server, kind: "drop"),
        ])
        _ = cursor.receive(message: F.setup)
        #expect(cursor.receive(message: F.text("hi")) == [.drop])
        #expect(cursor.finished)
    }

    @Test func aQuickClientDoesNotReorderTheServer() {
        let clock = ManualClock()
        // The reply to "one" took 500 ms; "two" came 100 ms after it and was answered 50 ms later.
        var cursor = F.cursor(
            [
                F.client(0, F.setup), F.client(100, F.text("one")), F.server(600, F.reply("first")),
                F.client(700, F.text("two")), F.server(750, F.reply("second")),
            ], clock: clock, speed: 1)
        _ = cursor.receive(message: F.setup)
        #expect(cursor.receive(message: F.text("one")) == [.schedule(after: .milliseconds(500))])
        // The live client does not wait for the first reply: the second still follows it.
        #expect(cursor.receive(message: F.text("two")).isEmpty)
        clock.advance(by: .milliseconds(500))
        #expect(F.sent(cursor.timerFired()) == [F.reply("first"), F.reply("second")])
    }

    @Test func theEchoOfTheClientsCloseIsNotReplayed() {
        var cursor = F.cursor([
            F.client(0, F.setup), F.server(10, F.setupComplete),
            RecordedFrame(time: 20_000, direction: .client, kind: "close"),
            RecordedFrame(time: 21_000, direction: .server, kind: "close", closeCode: 1000),
        ])
        #expect(cursor.receive(message: F.setup) == [.send(F.setupComplete, binary: true)])
        #expect(!cursor.finished)
    }

    @Test func extraInputDiverges() {
        var cursor = F.cursor([F.client(0, F.setup), F.server(10, F.setupComplete)])
        _ = cursor.receive(message: F.setup)
        #expect(
            F.closed(cursor.receive(message: ["realtimeInput": ["text": "more"]]))?.reason
                == #"replay diverged at client frame 2: /realtimeInput/text: recorded nothing, got "more""#)
    }

    @Test func notJSONDiverges() {
        var cursor = F.cursor([F.client(0, F.setup)])
        #expect(
            F.closed(cursor.receive(Array("hello".utf8)))?.reason.hasPrefix("replay diverged at client frame 1: /")
                == true)
    }

    @Test func theReasonFitsACloseFrame() {
        let long = String(repeating: "deep/", count: 40)
        let divergence = ReplayDivergence(
            clientFrame: 12345, pointer: "/clientContent/" + long + "text", recorded: String(repeating: "é", count: 90),
            got: String(repeating: "x", count: 200))
        let reason = divergence.closeReason.reason
        #expect(reason.utf8.count <= 123)
        #expect(reason.hasPrefix("replay diverged at client frame 12345: …"))
        #expect(reason.contains("text: recorded"))
        #expect(divergence.description.contains(long))
    }
}
