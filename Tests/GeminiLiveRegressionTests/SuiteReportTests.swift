import GeminiLiveRegression
import Testing

@Suite struct SuiteReportTests {
    let weather = ReportFixtures.weather
    let greeting = ReportFixtures.greeting

    @Test func talliesCompletedAttemptsOnly() {
        let attempts = [
            ReportFixtures.weatherAttempt(1),
            ReportFixtures.unfinished(weather, 2, .error("connect refused")),
            ReportFixtures.weatherAttempt(3, firstAudio: 2600),
            ReportFixtures.weatherAttempt(4),
            ReportFixtures.weatherAttempt(5),
            ReportFixtures.weatherAttempt(6),
        ]
        let report = ScenarioReport(weather, attempts: attempts.reversed(), gate: .point)
        #expect(report.attempts.map(\.attempt) == [1, 2, 3, 4, 5, 6])
        #expect(report.completedAttempts.count == 5)
        #expect(report.unfinishedAttempts.map(\.attempt) == [2])
        #expect(report.entries.map(\.turn) == [1, 1, 1, 2])
        #expect(report.entries.map(\.tally.rate.attempts) == [5, 5, 5, 5])
        // 4/5 first-audio passes reach its own require: 0.8.
        #expect(report.entries[2].tally.rate == PassRate(passed: 4, attempts: 5))
        #expect(report.entries[2].tally.failedAttempts == [3])
        #expect(report.status == .pass)
        #expect(report.weakest?.tally.expectation.key == "latency.first_audio_ms")
        #expect(report.failures(ofEntry: 2).map(\.attempt) == [3])
        #expect(report.failures(ofEntry: 2).first?.result.actual == 2600)
        #expect(report.slowest?.metric == .firstAudio)
        #expect(report.slowest?.turn == 1)
        #expect(report.slowest?.distribution.maximum == 2600)
        #expect(ScenarioReport(weather, attempts: attempts, gate: .confident).status == .fail)
    }

    @Test func statusesAndExitCodes() {
        let pass = [ReportFixtures.greetingAttempt(1)]
        let fail = [ReportFixtures.greetingAttempt(1, transcript: "Bye")]
        let errors = [ReportFixtures.unfinished(greeting, 1, .error("1011 after 3 retries"))]
        let diverged = pass + [ReportFixtures.unfinished(greeting, 2, .diverged("frame 4: /clientContent differs"))]
        let stale = [ReportFixtures.unfinished(greeting, 1, .stale("system instruction changed; re-record"))]
        let weatherPass = [ReportFixtures.weatherAttempt(1)]

        func run(_ attempts: [AttemptResult]) -> SuiteReport {
            SuiteReport(scenarios: [weather, greeting], attempts: weatherPass + attempts, gate: .point)
        }
        #expect(run(pass).scenarios.map(\.status) == [.pass, .pass])
        #expect(run(pass).outcome == .passed)
        #expect(run(fail).scenarios[1].status == .fail)
        #expect(run(fail).outcome.exitCode == 1)
        #expect(run(errors).scenarios[1].status == .error)
        #expect(run(errors).outcome.exitCode == 69)
        #expect(run(diverged).scenarios[1].status == .diverged)
        #expect(run(diverged).outcome.exitCode == 2)
        #expect(run(stale).scenarios[1].status == .stale)
        #expect(run(stale).outcome.exitCode == 2)
        // No attempt at all is no verdict either.
        #expect(run([]).scenarios[1].status == .error)
        // Some errored attempts beside verdicts do not spoil a pass.
        #expect(run(pass + [ReportFixtures.unfinished(greeting, 2, .error("x"))]).outcome == .passed)
    }

    @Test func outcomePrecedence() {
        #expect(SuiteOutcome([]) == .passed)
        #expect(SuiteOutcome([.pass, .error]) == .noVerdict)
        #expect(SuiteOutcome([.error, .fail]) == .failed)
        #expect(SuiteOutcome([.fail, .diverged, .error]) == .diverged)
        #expect(SuiteOutcome([.stale, .pass]) == .diverged)
        #expect(SuiteOutcome.allCases.map(\.exitCode) == [0, 1, 2, 69])
    }
}
