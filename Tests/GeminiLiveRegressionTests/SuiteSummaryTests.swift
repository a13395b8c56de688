import GeminiLiveRegression
import Testing

@Suite struct SuiteSummaryTests {
    @Test func printsScenarioLinesFailuresUnfinishedAttemptsAndLatency() {
        #expect(ReportFixtures.mixedSuite.summary == Self.expected)
    }

    @Test func aPassingRunIsShort() {
        let attempts = [ReportFixtures.greetingAttempt(1)]
        let report = SuiteReport(scenarios: [ReportFixtures.greeting], attempts: attempts, gate: .point)
        #expect(
            report.summary == """
                PASS      greeting  1/1 (95 % CI 21–100 %)

                1 scenario: 1 pass; 1 attempt

                """)
    }

    @Test func theConfidentGateSaysWhyOneInOneIsNotEnough() {
        let attempts = [ReportFixtures.greetingAttempt(1)]
        let report = SuiteReport(scenarios: [ReportFixtures.greeting], attempts: attempts, gate: .confident)
        #expect(
            report.summary == """
                FAIL      greeting  1/1 (95 % CI 21–100 %), required 100 % at 95 % confidence

                Failures:
                suite/greeting.yaml:4:9: greeting, turn 1: output_transcript
                  expected: contains "Hello"
                  1/1 passed (95 % CI 21–100 %), required 100 % at 95 % confidence

                1 scenario: 1 fail; 1 attempt

                """)
    }

    @Test func namesTheDivergenceAndKeepsItsDetailReadable() {
        let greeting = ReportFixtures.greeting
        let report = SuiteReport(
            scenarios: [greeting],
            attempts: [
                ReportFixtures.greetingAttempt(1),
                ReportFixtures.unfinished(
                    greeting, 2,
                    .diverged("client frame 7: /realtimeInput/text\nrecorded: \"hi\"\nactual: \"\u{1B}[2J\"")),
            ], gate: .point)
        #expect(report.outcome == .diverged)
        #expect(
            report.summary == #"""
                DIVERGED  greeting  replay diverged (attempt 2)

                Unfinished attempts:
                suite/greeting.yaml: greeting, attempt 2: diverged: client frame 7: /realtimeInput/text
                  recorded: "hi"
                  actual: "\u{1B}[2J"

                1 scenario: 1 diverged; 2 attempts, 1 diverged

                """#)
    }

    static let expected = #"""
        PASS      weather in Paris  4/5 (95 % CI 38–96 %) turn 1 latency.first_audio_ms  slowest first_audio_ms 2600 (turn 1)  1 error
        FAIL      greeting          0/1 (95 % CI 0–79 %) turn 1 output_transcript, required 100 %
        ERROR     farewell #2       no verdict: 2 of 2 attempts were transport errors

        Failures:
        suite/greeting.yaml:4:9: greeting, turn 1: output_transcript
          expected: contains "Hello"
          0/1 passed (95 % CI 0–79 %), required 100 %
          1× text_mismatch (attempt 1): actual "Bye\u0001 ]]> <b>&"

        Flaky (passed the gate, failed some attempts):
        suite/weather.yaml:7:9: weather in Paris, turn 1: latency.first_audio_ms
          expected: lt 2500
          4/5 passed (95 % CI 38–96 %), required 80 %
          1× latency_budget (attempt 3): actual 2600

        Unfinished attempts:
        suite/weather.yaml: weather in Paris, attempt 2: error: connect refused
        ./suite/farewell.v2.yml: farewell #2, attempt 1: error: close 1011 "internal"\u{0} ]]>
          after 3 retries
        ./suite/farewell.v2.yml: farewell #2, attempt 2: error: connect refused

        Latency (ms after the end of the user's input; rtf is a ratio):
        weather in Paris
        turn  metric            n   p50   p90   max
        1     first_audio_ms    5   800  2600  2600
        1     turn_complete_ms  5  2000  2000  2000
        2     first_audio_ms    5   400   400   400

        3 scenarios: 1 pass, 1 fail, 1 error; 9 attempts, 3 errors

        """#
}
