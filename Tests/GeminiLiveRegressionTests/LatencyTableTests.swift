import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct LatencyTableTests {
    @Test func summarisesEachTurnAndFigureOverAttempts() {
        let attempts: [[RecordedTurn]] = [
            [
                RecordedTurn(inputStart: 0, latency: [.firstAudio: 800, .turnComplete: 2000, .realTimeFactor: 1.5]),
                RecordedTurn(inputStart: 0, latency: [.interrupted: 120.25]),
            ],
            [RecordedTurn(inputStart: 0, latency: [.firstAudio: 1200, .turnComplete: 2400, .realTimeFactor: 1.25])],
            [
                RecordedTurn(inputStart: 0, latency: [.firstAudio: 950, .turnComplete: 2100]),
                RecordedTurn(inputStart: 0, latency: [.interrupted: 300]),
            ],
        ]
        let table = LatencyTable(attempts: attempts)
        #expect(table.rows.map(\.turn) == [1, 1, 1, 2])
        #expect(table.rows.map(\.metric) == [.firstAudio, .turnComplete, .realTimeFactor, .interrupted])
        #expect(table.rows[0].distribution.count == 3)
        #expect(table.rows[0].distribution.p50 == 950)
        #expect(table.rows[0].distribution.p90 == 1200)
        #expect(table.rows[0].distribution.maximum == 1200)
        #expect(table.rows[2].distribution.count == 2)
        #expect(table.rows[3].distribution.p50 == 120.25)
        #expect(
            table.description == """
                turn  metric            n     p50   p90   max
                1     first_audio_ms    3     950  1200  1200
                1     turn_complete_ms  3    2100  2400  2400
                1     rtf               2    1.25  1.50  1.50
                2     interrupted_ms    2  120.25   300   300

                """)
    }

    @Test func aTableOfNothingIsItsHeader() {
        #expect(LatencyTable(attempts: []).rows.isEmpty)
        #expect(LatencyTable(attempts: [[]]).description == "turn  metric  n  p50  p90  max\n")
    }

    @Test func readsTimelinesOfRecordings() throws {
        let timeline = RecordedAttempt(
            try FrameRecording(ndjson: Array(RecordedAttemptTests.threeTurns.utf8), source: "hand.ndjson"))
        let table = LatencyTable([timeline, timeline])
        let firstAudio = table.rows.filter { $0.metric == .firstAudio }
        #expect(firstAudio.map(\.turn) == [1, 2, 3])
        #expect(firstAudio.map(\.distribution.p50) == [1300, 400, 750])
        #expect(firstAudio.map(\.distribution.count) == [2, 2, 2])
    }
}
