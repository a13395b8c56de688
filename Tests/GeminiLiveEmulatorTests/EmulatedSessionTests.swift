import GeminiLiveEmulator
import GeminiLiveProtocol
import Foundation
import Synchronization
import Testing

/// The state machine alone: frames and events in, actions out; no sockets, no clock.
struct EmulatedSessionTests {
    static func session(_ configure: (inout SessionOptions) -> Void = { _ in }) -> EmulatedSession {
        var options = SessionOptions()
        let counter = HandleCounter()
        options.makeHandle = { counter.next() }
        configure(&options)
        return EmulatedSession(options: options)
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func sent(_ actions: [EmulatorAction]) -> [ServerMessage] {
        actions.compactMap { if case .send(let message) = $0 { return message } else { return nil } }
    }

    @Test func setupSchedulesGoAwayAndTheDeadline() {
        var session = Self.session {
            $0.connectionLifetime = 100
            $0.goAwayLead = 80
        }
        let actions = session.receive(Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live"}}"#))
        #expect(actions.first == .send(ServerMessage(.setupComplete(SetupComplete()))))
        #expect(actions.contains(.schedule(.goAway, after: .seconds(50))), "lead capped to half the lifetime")
        #expect(actions.contains(.schedule(.lifetime, after: .seconds(100))))
        #expect(session.timerFired(.goAway) == [.send(ServerMessage(.goAway(GoAway(timeLeft: "50s"))))])
        #expect(session.timerFired(.lifetime) == [.close(.deadlineExpired)])
        #expect(session.isClosed)
        #expect(session.receive(Self.bytes(#"{"realtimeInput":{"text":"late"}}"#)).isEmpty)
    }

    @Test func nothingBeforeSetupIsProcessed() {
        var session = Self.session()
        #expect(session.receive(Self.bytes(#"{"realtimeInput":{"text":"hi"}}"#)) == [.close(.invalidArgument)])
    }

    @Test func snakeCaseSetupIsAccepted() {
        var session = Self.session()
        let actions = session.receive(
            Self.bytes(
                #"{"setup":{"model":"gemini-2.0-flash-live-001","generation_config":{"response_modalities":["TEXT"]},"realtime_input_config":{"automatic_activity_detection":{"silence_duration_ms":300}}}}"#
            ))
        #expect(actions.first == .send(ServerMessage(.setupComplete(SetupComplete()))))
        #expect(session.modelName == "models/gemini-2.0-flash-live-001")
    }

    @Test func dropAndFailCountClientMessagesAfterSetup() {
        var dropping = Self.session { $0.dropAfter = 2 }
        _ = dropping.receive(Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live"}}"#))
        let silence = #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"AAAAAA=="}}}"#
        #expect(dropping.receive(Self.bytes(silence)).isEmpty)
        #expect(dropping.receive(Self.bytes(silence)) == [.drop])
        var failing = Self.session { $0.failAfter = 1 }
        _ = failing.receive(Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live"}}"#))
        #expect(failing.receive(Self.bytes(silence)) == [.close(.internalError)])
    }

    @Test func aTurnStartsAReplyAndFinishingItSendsTheEndMessagesAndAHandle() throws {
        var session = Self.session { $0.consumedIndex = true }
        let setup = session.receive(
            Self.bytes(
                #"{"setup":{"model":"models/gemini-2.0-flash-live-001","generationConfig":{"responseModalities":["TEXT"]},"sessionResumption":{}}}"#
            ))
        #expect(Self.sent(setup).count == 2)
        let actions = session.receive(
            Self.bytes(#"{"client_content":{"turns":[{"role":"user","parts":[{"text":"hi"}]}],"turn_complete":true}}"#))
        guard case .startReply(let request)? = actions.last else {
            Issue.record("no reply started: \(actions)")
            return
        }
        #expect(request.turn == 1)
        #expect(request.input.texts == ["hi"])
        #expect(request.modality == "TEXT")
        #expect(
            Self.sent(actions) == [
                ServerMessage(.sessionResumptionUpdate(SessionResumptionUpdate(newHandle: "", resumable: false)))
            ])
        let chunk = ServerMessage(
            .serverContent(ServerContent(modelTurn: Content(role: "model", parts: [Part(text: "x")]))))
        #expect(session.replyOutput(turn: 1, message: chunk) == [.send(chunk)])
        session.replyComposed(turn: 1, userText: "hi", modelText: "x")
        let end = session.replyFinished(turn: 1, responseTokens: 1)
        let messages = Self.sent(end)
        #expect(messages[0].serverContent?.generationComplete == true)
        #expect(messages[1].serverContent?.turnComplete == true)
        #expect(messages[1].usageMetadata?.responseTokenCount == 1)
        guard case .sessionResumptionUpdate(let update)? = messages[2].kind else {
            Issue.record("no update")
            return
        }
        #expect(
            update == SessionResumptionUpdate(newHandle: "handle-2", resumable: true, lastConsumedClientMessageIndex: 0)
        )
        guard case .store(let handle, let snapshot)? = end.first(where: { if case .store = $0 { true } else { false } })
        else {
            Issue.record("nothing stored")
            return
        }
        #expect(handle == "handle-2")
        #expect(snapshot.turnCount == 1)
        #expect(snapshot.history.map(\.text) == ["hi", "x"])
    }

    @Test func aNewTurnInterruptsTheReplyInProgress() {
        var session = Self.session()
        _ = session.receive(Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live"}}"#))
        _ = session.receive(Self.bytes(#"{"realtimeInput":{"text":"one"}}"#))
        let actions = session.receive(Self.bytes(#"{"realtimeInput":{"text":"two"}}"#))
        #expect(actions.first == .cancelReply(turn: 1))
        let messages = Self.sent(actions)
        #expect(messages[0].serverContent == ServerContent(interrupted: true))
        #expect(messages[1].serverContent?.turnComplete == true)
        let stale = ServerMessage(.serverContent(ServerContent(generationComplete: true)))
        #expect(session.replyOutput(turn: 1, message: stale).isEmpty)
        #expect(session.replyFinished(turn: 1, responseTokens: 3).isEmpty)
    }

    /// Speech heard before any of the reply went out means the user had not finished: the reply is dropped
    /// without a word, and the next turn answers all of the speech, under the same turn number.
    @Test func speechBeforeTheReplyIsUnderWayJoinsTheTurn() throws {
        var session = Self.session()
        _ = session.receive(Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live"}}"#))
        let speech = AudioStreamEndTests.tone + [Int16](repeating: 0, count: 16_000)
        let first = session.receive(AudioStreamEndTests.audio(speech))
        #expect(first.last.map(Self.startsReply) == 1)
        let again = session.receive(AudioStreamEndTests.audio(speech))
        #expect(again.contains(.cancelReply(turn: 1)))
        #expect(!Self.sent(again).contains { $0.serverContent != nil }, "no interrupted, no turnComplete")
        guard case .startReply(let request)? = again.last else {
            Issue.record("no reply: \(again)")
            return
        }
        #expect(request.turn == 1, "the dropped turn's number is used again")
        #expect(request.input.audioSeconds > 2.0, "both utterances: \(request.input.audioSeconds)")
    }

    @Test func withNoInterruptionATurnDuringAReplyWaitsForItsEnd() {
        var session = Self.session()
        _ = session.receive(
            Self.bytes(
                #"{"setup":{"model":"models/gemini-3.8-live","realtimeInputConfig":{"activityHandling":"NO_INTERRUPTION"}}}"#
            ))
        #expect(session.receive(Self.bytes(#"{"realtimeInput":{"text":"one"}}"#)).last.map(Self.startsReply) == 1)
        #expect(session.receive(Self.bytes(#"{"realtimeInput":{"text":"two"}}"#)).isEmpty, "no interruption")
        let end = session.replyFinished(turn: 1, responseTokens: 1)
        #expect(Self.sent(end).first?.serverContent?.generationComplete == true)
        #expect(end.last.map(Self.startsReply) == 2, "the queued turn is answered next")
    }

    /// The turn a `.startReply` action starts, or nil for any other action.
    static func startsReply(_ action: EmulatorAction) -> Int? {
        if case .startReply(let request) = action { return request.turn }
        return nil
    }

    @Test func resumingRestoresTheConversationOrRefusesAnUnknownHandle() {
        var session = Self.session()
        let actions = session.receive(
            Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live","sessionResumption":{"handle":"h"}}}"#))
        #expect(actions == [.resume(handle: "h")])
        var snapshot = ConversationSnapshot()
        snapshot.turnCount = 4
        let resumed = session.resumed(with: snapshot)
        #expect(resumed.first == .send(ServerMessage(.setupComplete(SetupComplete()))))
        guard case .startReply(let request)? = session.receive(Self.bytes(#"{"realtimeInput":{"text":"again"}}"#)).last
        else {
            Issue.record("no reply")
            return
        }
        #expect(request.turn == 5)
        var unknown = Self.session()
        _ = unknown.receive(
            Self.bytes(#"{"setup":{"model":"models/gemini-3.8-live","sessionResumption":{"handle":"x"}}}"#))
        #expect(unknown.resumed(with: nil) == [.close(.sessionNotFound)])
    }

    @Test func disabledDetectionNeedsActivityMarkers() {
        var session = Self.session()
        _ = session.receive(
            Self.bytes(
                #"{"setup":{"model":"models/gemini-3.8-live","realtimeInputConfig":{"automaticActivityDetection":{"disabled":true}}}}"#
            ))
        #expect(session.receive(Self.bytes(#"{"realtimeInput":{"activityStart":{}}}"#)).isEmpty)
        let loud = Base64.encodedString(
            (0..<1600).flatMap { index -> [UInt8] in
                let sample = UInt16(bitPattern: index % 20 < 10 ? 12000 : -12000)
                return [UInt8(sample & 0xFF), UInt8(sample >> 8)]
            })
        #expect(
            session.receive(
                Self.bytes(#"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"\#(loud)"}}}"#)
            )
            .isEmpty)
        guard
            case .startReply(let request)? = session.receive(Self.bytes(#"{"realtimeInput":{"activityEnd":{}}}"#)).last
        else {
            Issue.record("no reply")
            return
        }
        #expect(request.input.audio.count == 1600)
        #expect(request.input.kind == .audio)
    }
}

/// Deterministic handles for the tests: handle-1, handle-2, ...
final class HandleCounter: Sendable {
    private let count = Synchronization.Mutex(0)

    func next() -> String {
        count.withLock { value in
            value += 1
            return "handle-\(value)"
        }
    }
}

/// The consumed index leaves out the audio of an utterance still in progress.
struct ConsumedIndexTests {
    @Test func speechInProgressIsNotConsumed() {
        var options = SessionOptions()
        options.consumedIndex = true
        var session = EmulatedSession(options: options)
        _ = session.receive(
            Array(
                #"{"setup":{"model":"models/gemini-2.0-flash-live-001","generationConfig":{"responseModalities":["TEXT"]},"sessionResumption":{},"realtimeInputConfig":{"automaticActivityDetection":{"disabled":true}}}}"#
                    .utf8))
        _ = session.receive(Array(#"{"realtimeInput":{"text":"one"}}"#.utf8))
        // activityStart interrupts the reply to "one"; the update after that interruption excludes it.
        let actions = session.receive(Array(#"{"realtimeInput":{"activityStart":{}}}"#.utf8))
        let updates = actions.compactMap { action -> SessionResumptionUpdate? in
            if case .send(let message) = action, case .sessionResumptionUpdate(let update)? = message.kind {
                return update
            }
            return nil
        }
        #expect(updates.first?.lastConsumedClientMessageIndex == 0, "activityStart (index 1) and its audio are pending")
    }
}

/// The end of the client's audio stream ends the user's turn as silence would.
struct AudioStreamEndTests {
    static func audio(_ samples: [Int16]) -> [UInt8] {
        let data = Base64.encodedString(AudioFixtures.bytes(samples[...]))
        return Array(#"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"\#(data)"}}}"#.utf8)
    }

    static let tone = (0..<8_000).map { Int16(8_000 * sin(Double($0) * 0.2)) }

    @Test func speechFollowedByNoAudioForTheSilenceDurationEndsTheTurn() {
        var session = EmulatedSession(options: SessionOptions())
        _ = session.receive(Array(#"{"setup":{"model":"models/gemini-3.8-live"}}"#.utf8))
        let first = session.receive(Self.audio(Self.tone))
        #expect(first.contains(.schedule(.audioStreamIdle, after: .milliseconds(700))), "the default silence")
        #expect(!first.contains { EmulatedSessionTests.startsReply($0) != nil })
        // More audio came before the timer: the stream goes on, so the timer is set again and nothing ends.
        _ = session.receive(Self.audio(Self.tone))
        let rearmed = session.timerFired(.audioStreamIdle)
        #expect(rearmed == [.schedule(.audioStreamIdle, after: .milliseconds(700))])
        // No audio since: the stream has ended, and so has the speech.
        let ended = session.timerFired(.audioStreamIdle)
        let messages = EmulatedSessionTests.sent(ended)
        #expect(messages.first?.kind == .voiceActivity(VoiceActivity(type: "ACTIVITY_END", audioOffset: "1s")))
        guard case .startReply(let request)? = ended.last else {
            Issue.record("no reply: \(ended)")
            return
        }
        #expect(request.input.audioSeconds >= 1.0)
        #expect(session.timerFired(.audioStreamIdle).isEmpty, "no timer is pending")
    }

    @Test func silenceSetsNoTimer() {
        var session = EmulatedSession(options: SessionOptions())
        _ = session.receive(
            Array(
                #"{"setup":{"model":"models/gemini-3.8-live","realtimeInputConfig":{"automaticActivityDetection":{"silenceDurationMs":300}}}}"#
                    .utf8))
        #expect(session.receive(Self.audio([Int16](repeating: 0, count: 8_000))).isEmpty)
        let speech = session.receive(Self.audio(Self.tone))
        #expect(speech.contains(.schedule(.audioStreamIdle, after: .milliseconds(300))), "silenceDurationMs")
    }
}
