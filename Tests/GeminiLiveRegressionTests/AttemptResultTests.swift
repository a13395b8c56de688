import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct AttemptResultTests {
    @Test func judgesEveryExpectationInScenarioOrder() {
        let result = ReportFixtures.weatherAttempt(1, transcript: "Cloudy.", firstAudio: 3100)
        #expect(result.scenarioPath == "suite/weather.yaml")
        #expect(result.scenarioName == "weather in Paris")
        #expect(result.expectations.map(\.turn) == [1, 1, 1, 2])
        #expect(result.expectations.map(\.held) == [true, false, false, true])
        #expect(result.expectations.map(\.kind) == [nil, .textMismatch, .latencyBudget, nil])
        #expect(result.expectations[1].actual == "Cloudy.")
        #expect(result.expectations[1].expected == #"icontains "sunny""#)
        #expect(result.expectations[2].actual == 3100)
        #expect(result.expectations[2].expectation.location.line == 7)
        #expect(result.turns.count == 2)
        #expect(result.duration == 2.5)
    }

    @Test func turnsNotReachedFailAsNotRun() {
        let result = ReportFixtures.weatherAttempt(1, secondTurn: false)
        #expect(result.expectations.map(\.held) == [true, true, true, false])
        #expect(result.expectations[3].kind == .notRun)
        #expect(result.expectations[3].actual == nil)
    }

    @Test func unfinishedAttemptsGetNoVerdicts() {
        for outcome in [AttemptOutcome.error("connect refused"), .diverged("frame 3"), .stale("re-record")] {
            let result = ReportFixtures.unfinished(ReportFixtures.weather, 2, outcome)
            #expect(result.expectations.isEmpty)
            #expect(result.outcome == outcome)
        }
        #expect(AttemptOutcome.error("x").kind == .transportError)
        #expect(AttemptOutcome.diverged("x").kind == .replayDivergence)
        #expect(AttemptOutcome.stale("x").kind == .staleCassette)
        #expect(AttemptOutcome.completed.kind == nil && AttemptOutcome.completed.detail == nil)
        #expect(AttemptOutcome.stale("re-record").detail == "re-record")
    }

    @Test func aSilentTurnIsNoResponse() throws {
        let scenario = try Scenario(
            yaml: """
                turns:
                  - text: hi
                    expect:
                      - output_transcript: {contains: hello}
                      - latency.first_audio_ms: {lt: 100}
                      - responded: true
                      - not_truncated: true
                      - tool_call: {name: f}
                      - input_transcript: {contains: hi}
                """, path: "s.yaml")
        let result = AttemptResult(scenario, attempt: 1, recorded: ReportFixtures.recording([ReportFixtures.silent]))
        #expect(
            result.expectations.map(\.kind) == [
                .noResponse, .noResponse, .noResponse, .noResponse, .noResponse,
                .textMismatch,
            ])
    }

    @Test func classifiesFailuresByQuery() throws {
        let scenario = try Scenario(
            yaml: """
                turns:
                  - text: hi
                    expect:
                      - output_transcript: {matches: "^Hello"}
                      - tool_call: {name: get_weather, args: {city: Rome}}
                      - tool_call: {name: book}
                      - tool_calls: {equals: 0}
                      - tool_calls: {ge: 2}
                      - events: {subsequence: [turnComplete, outputTranscription]}
                      - not_truncated: true
                      - max_gap_ms: {lt: 100}
                      - interrupted: true
                      - responded: false
                """, path: "s.yaml")
        var turn = ReportFixtures.answered(transcript: "Hi", calls: [ReportFixtures.parisCall])
        turn.reply.events = ["outputTranscription", "turnComplete"]
        turn.latency[.maxGap] = 450
        let result = AttemptResult(scenario, attempt: 1, recorded: ReportFixtures.recording([turn]))
        #expect(result.expectations.allSatisfy { !$0.held })
        #expect(
            result.expectations.map(\.kind) == [
                .regexMismatch, .toolArgsMismatch, .missingToolCall, .unexpectedToolCall, .missingToolCall,
                .orderMismatch, .truncated, .stall, .valueMismatch, .valueMismatch,
            ])
        #expect(result.expectations[1].actual == [ReportFixtures.parisCall])
    }

    @Test func tooManyCallsAreUnexpectedAndTooFewMissing() throws {
        let scenario = try Scenario(
            yaml: """
                turns:
                  - text: hi
                    expect:
                      - tool_calls: {lt: 1}
                      - tool_calls: {le: 0}
                      - tool_calls: {between: [2, 3]}
                      - tool_calls: {gt: 1}
                      - tool_calls: 2
                """, path: "s.yaml")
        let turn = ReportFixtures.answered(transcript: "Hi", calls: [ReportFixtures.parisCall])
        let result = AttemptResult(scenario, attempt: 1, recorded: ReportFixtures.recording([turn]))
        #expect(
            result.expectations.map(\.kind) == [
                .unexpectedToolCall, .unexpectedToolCall, .missingToolCall, .missingToolCall, .missingToolCall,
            ])
        #expect(result.expectations.allSatisfy { $0.actual == 1 })
    }
}
