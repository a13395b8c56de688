import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveTestRunner
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An attempt judged from its cassette: scenario turns map to recorded turns by their groups, turns the attempt
/// never sent fail as not_run, and only a completed attempt gets verdicts.
@Suite struct AttemptJudgementTests {
    /// Manual activity markers around a spoken question (one recorded turn), then a text turn never sent.
    static let scenario = """
        setup: {vad: manual}
        turns:
          - activity_start
          - audio: q.wav
          - activity_end: true
            expect:
              - responded: true
              - output_transcript: {contains: Paris}
          - text: "and tomorrow?"
            expect:
              - responded: true
        """

    static func line(_ milliseconds: Int, _ direction: String, _ message: JSONValue) -> String {
        let kind = direction == "client" ? "text" : "binary"
        return
            #"{"t":\#(milliseconds),"connection":1,"direction":"\#(direction)","frame":"\#(kind)","message":\#(message)}"#
    }

    /// The frames of the first turn: the markers around loud audio, and a reply naming Paris.
    static var cassette: String {
        let loud = Base64.encodedString([UInt8](repeating: 0x40, count: 3200))
        let lines = [
            line(0, "client", ["setup": ["model": "models/m"]]),
            line(10, "server", ["setupComplete": [:]]),
            line(20, "client", ["realtimeInput": ["activityStart": [:]]]),
            line(
                30, "client", ["realtimeInput": ["audio": ["mimeType": "audio/pcm;rate=16000", "data": .string(loud)]]]),
            line(40, "client", ["realtimeInput": ["activityEnd": [:]]]),
            line(300, "server", ["serverContent": ["outputTranscription": ["text": "Paris is sunny."]]]),
            line(400, "server", ["serverContent": ["turnComplete": true]]),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String) throws -> String {
        var template = Array("/tmp/gemini-live-judgement-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    @Test func markerTurnsAreJudgedAgainstTheirGroupsRecordedTurnAndUnsentTurnsFailAsNotRun() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "s.yaml")
        let path = try Self.write(Self.cassette)
        defer { unlink(path) }
        let run = AttemptRun(
            outcome: .completed, statuses: [.sent, .sent, .answered, .notRun], cassette: path, duration: 1)
        let result = try AttemptResult(scenario, attempt: 1, run: run)
        #expect(result.expectations.map(\.turn) == [3, 3, 4])
        #expect(result.expectations.map(\.held) == [true, true, false])
        #expect(result.expectations[2].kind == .notRun)
        #expect(result.cassette == path)
    }

    @Test func anAttemptThatDidNotCompleteGetsNoVerdicts() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "s.yaml")
        let path = try Self.write(Self.cassette)
        defer { unlink(path) }
        let run = AttemptRun(
            outcome: .error("connection lost"), statuses: [.sent, .sent, .sent, .notRun], cassette: path, duration: 1)
        let result = try AttemptResult(scenario, attempt: 2, run: run)
        #expect(result.expectations.isEmpty)
        #expect(result.turns.count == 1, "the turns are kept for their latency")
    }
}
