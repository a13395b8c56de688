import GeminiLiveRegression
import Testing

@Suite struct TAPReportTests {
    @Test func printsASubtestPerScenario() {
        #expect(ReportFixtures.mixedSuite.tap == Self.expected)
    }

    @Test func keepsTheRulesOfTAP14AndItsYAML() throws {
        let tap = TAPStructure(ReportFixtures.mixedSuite.tap)
        #expect(tap.problems == [])
        #expect(tap.points.map(\.ok) == [true, false, false])
        #expect(tap.points.map(\.subtest.count) == [4, 1, 1])
        // The `#` in "farewell #2" is escaped, so it is not read as a directive.
        #expect(tap.points[2].description == ##"farewell \#2"##)
        let greeting = try #require(tap.points[1].subtest.first?.diagnostics)
        #expect(greeting.json["actual"] == "Bye\u{1} ]]> <b>&")
        #expect(greeting.json["k"] == 0)
        #expect(greeting.json["line"] == 4)
        #expect(greeting.json["file"] == "suite/greeting.yaml")
        #expect(greeting.json["kind"] == "text_mismatch")
        #expect(greeting.json["failed_attempts"] == [1])
        let farewell = try #require(tap.points[2].diagnostics)
        #expect(
            farewell.json["unfinished"]?[0] == "attempt 1: error: close 1011 \"internal\"\u{0} ]]>\nafter 3 retries")
    }

    @Test func escapesDescriptionsAndQuotesEveryScalar() throws {
        var scenario = ReportFixtures.greeting
        scenario.name = "back\\slash # hash\nnew line"
        let nasty = "\u{7F}\u{85}\u{9F}\u{2028}\u{2029}\u{FEFF}\u{FFFE}\"\\ \u{1F600}\r"
        var attempt = ReportFixtures.greetingAttempt(1, transcript: nasty)
        attempt.scenarioName = scenario.name
        let text = SuiteReport(scenarios: [scenario], attempts: [attempt], gate: .point).tap
        #expect(text.contains(##"# Subtest: back\\slash \# hash new line"##))
        let tap = TAPStructure(text)
        #expect(tap.problems == [])
        let diagnostics = try #require(tap.points.first?.subtest.first?.diagnostics)
        #expect(diagnostics.json["actual"] == .string(nasty))
    }

    static let expected = ##"""
        TAP version 14
        1..3
        # Subtest: weather in Paris
            1..4
            ok 1 - turn 1: tool_call call get_weather with arguments containing {"city":"Paris"}
              ---
              file: "suite/weather.yaml"
              line: 5
              column: 9
              expected: "call get_weather with arguments containing {\"city\":\"Paris\"}"
              k: 5
              n: 5
              interval: "95 % CI 57–100 %"
              ci_low: 0.5655
              ci_high: 1.0000
              requirement: 1
              ...
            ok 2 - turn 1: output_transcript icontains "sunny"
              ---
              file: "suite/weather.yaml"
              line: 6
              column: 9
              expected: "icontains \"sunny\""
              k: 5
              n: 5
              interval: "95 % CI 57–100 %"
              ci_low: 0.5655
              ci_high: 1.0000
              requirement: 1
              ...
            ok 3 - turn 1: latency.first_audio_ms lt 2500
              ---
              file: "suite/weather.yaml"
              line: 7
              column: 9
              expected: "lt 2500"
              k: 4
              n: 5
              interval: "95 % CI 38–96 %"
              ci_low: 0.3755
              ci_high: 0.9638
              requirement: 0.8
              kind: latency_budget
              actual: 2600
              failed_attempts: [3]
              ...
            ok 4 - turn 2: responded equals true
              ---
              file: "suite/weather.yaml"
              line: 11
              column: 9
              expected: "equals true"
              k: 5
              n: 5
              interval: "95 % CI 57–100 %"
              ci_low: 0.5655
              ci_high: 1.0000
              requirement: 1
              ...
        ok 1 - weather in Paris
          ---
          file: "suite/weather.yaml"
          status: pass
          gate: point
          attempts: 6
          completed: 5
          unfinished: ["attempt 2: error: connect refused"]
          ...
        # Subtest: greeting
            1..1
            not ok 1 - turn 1: output_transcript contains "Hello"
              ---
              message: "0/1 passed (95 % CI 0–79 %), required 100 %"
              severity: fail
              file: "suite/greeting.yaml"
              line: 4
              column: 9
              expected: "contains \"Hello\""
              k: 0
              n: 1
              interval: "95 % CI 0–79 %"
              ci_low: 0.0000
              ci_high: 0.7935
              requirement: 1
              kind: text_mismatch
              actual: "Bye\u0001 ]]> <b>&"
              failed_attempts: [1]
              ...
        not ok 2 - greeting
          ---
          file: "suite/greeting.yaml"
          status: fail
          gate: point
          attempts: 1
          completed: 1
          ...
        # Subtest: farewell \#2
            1..1
            ok 1 - turn 1: responded equals true # SKIP no verdict: every attempt was a transport error
              ---
              file: "./suite/farewell.v2.yml"
              line: 5
              column: 9
              expected: "equals true"
              ...
        not ok 3 - farewell \#2
          ---
          file: "./suite/farewell.v2.yml"
          status: error
          gate: point
          attempts: 2
          completed: 0
          unfinished: ["attempt 1: error: close 1011 \"internal\"\u0000 ]]>\nafter 3 retries", "attempt 2: error: connect refused"]
          ...

        """##
}
