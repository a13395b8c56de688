import GeminiLiveRegression
import Testing

@Suite struct JUnitReportTests {
    @Test func printsATestCasePerExpectation() throws {
        let xml = ReportFixtures.mixedSuite.junitXML
        #expect(xml == Self.expected)
        #expect(try XMLParsing.problem(in: xml) == nil)
    }

    @Test func anyNameOrReasonStaysWellFormed() throws {
        // Every character XML forbids, the CDATA terminator, markup and quotes, in a name, a transcript and
        // an error reason.
        let nasty = "a\u{0}b\u{1}c\u{8}\u{B}\u{C}\u{1F}d\u{FFFE}\u{FFFF} ]]> <x a=\"1\" b='2'>&amp; \r\n\t\u{1F600}"
        var scenario = ReportFixtures.greeting
        scenario.name = nasty
        var failed = ReportFixtures.greetingAttempt(1, transcript: nasty)
        failed.scenarioName = nasty
        let errored = AttemptResult(
            scenarioPath: "suite/nasty.yaml", scenarioName: nasty, attempt: 1, outcome: .error(nasty))
        var erroring = ReportFixtures.greeting
        erroring.path = "suite/nasty.yaml"
        let xml = SuiteReport(scenarios: [scenario, erroring], attempts: [failed, errored], gate: .point).junitXML
        #expect(try XMLParsing.problem(in: xml) == nil)
        #expect(!xml.contains("]]>"))
        // Forbidden characters become U+FFFD; the rest, \r included, read back as they were. The transcript is
        // quoted as JSON in the failure text, so its controls are already escapes there.
        let readable =
            #"a\ufffdb\ufffdc\ufffd\ufffd\ufffd\ufffdd\ufffd\ufffd ]]> <x a=\"1\" b='2'>&amp; \r\n\t\ud83d\ude00"#
        let transcript =
            #"a\\u0000b\\u0001c\\b\\u000b\\f\\u001fd\ufffd\ufffd ]]> <x a=\\\"1\\\" b='2'>&amp; \\r\\n\\t\ud83d\ude00"#
        let contains = #"turn 1: output_transcript contains \"Hello\""#
        let failure = #"expected: output_transcript contains \"Hello\"\nattempt 1: text_mismatch, actual \""#
        #expect(
            try XMLParsing.readBack(xml)
                == #"["\#(readable)", "\#(contains)", "\#(failure)\#(transcript)\"", "greeting", "\#(contains)", "#
                + #""attempt 1: error: \#(readable)"]"#)
    }

    @Test func divergedAndStaleReplaysAreErrors() throws {
        let greeting = ReportFixtures.greeting
        for (outcome, type, message) in [
            (AttemptOutcome.diverged("frame 4"), "replay_divergence", "replay diverged: frame 4"),
            (
                .stale("system instruction changed; re-record"), "stale_cassette",
                "cassette stale: system instruction changed; re-record"
            ),
        ] {
            let attempts = [ReportFixtures.greetingAttempt(1), ReportFixtures.unfinished(greeting, 2, outcome)]
            let xml = SuiteReport(scenarios: [greeting], attempts: attempts, gate: .point).junitXML
            #expect(xml.contains(#"<testsuites name="gemini-live-test" tests="1" failures="0" errors="1""#))
            #expect(xml.contains(#"<error message="\#(message)" type="\#(type)">"#))
            #expect(try XMLParsing.problem(in: xml) == nil)
        }
    }

    @Test func repeatedExpectationsGetUniqueNames() throws {
        let scenario = try Scenario(
            yaml: """
                turns:
                  - text: hi
                    expect: [{responded: true}, {responded: true}, {responded: true}]
                """, path: "s.yaml")
        let attempt = AttemptResult(
            scenario, attempt: 1, recorded: ReportFixtures.recording([ReportFixtures.answered(transcript: "Hi")]))
        let report = ScenarioReport(scenario, attempts: [attempt], gate: .point)
        #expect(
            report.entryNames == [
                "turn 1: responded equals true", "turn 1: responded equals true (2)",
                "turn 1: responded equals true (3)",
            ])
        let xml = SuiteReport(scenarios: [scenario], attempts: [attempt], gate: .point).junitXML
        #expect(
            xml.contains(#"<testcase name="turn 1: responded equals true (3)" classname="s" file="s.yaml" line="3""#))
    }

    static let expected = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="gemini-live-test" tests="6" failures="1" errors="1" time="15.000">
          <testsuite name="weather in Paris" tests="4" failures="0" errors="0" time="13.000" skipped="0" file="suite/weather.yaml">
            <testcase name="turn 1: tool_call call get_weather with arguments containing {&quot;city&quot;:&quot;Paris&quot;}" classname="suite.weather" file="suite/weather.yaml" line="5" time="2.500">
              <properties>
                <property name="k" value="5"/>
                <property name="n" value="5"/>
                <property name="ci_low" value="0.5655"/>
                <property name="ci_high" value="1.0000"/>
                <property name="requirement" value="1"/>
                <property name="gate" value="point"/>
                <property name="errors" value="1"/>
                <property name="latency.first_audio_ms.p50" value="800"/>
                <property name="latency.first_audio_ms.p90" value="2600"/>
                <property name="latency.first_audio_ms.max" value="2600"/>
                <property name="latency.turn_complete_ms.p50" value="2000"/>
                <property name="latency.turn_complete_ms.p90" value="2000"/>
                <property name="latency.turn_complete_ms.max" value="2000"/>
              </properties>
            </testcase>
            <testcase name="turn 1: output_transcript icontains &quot;sunny&quot;" classname="suite.weather" file="suite/weather.yaml" line="6" time="2.500">
              <properties>
                <property name="k" value="5"/>
                <property name="n" value="5"/>
                <property name="ci_low" value="0.5655"/>
                <property name="ci_high" value="1.0000"/>
                <property name="requirement" value="1"/>
                <property name="gate" value="point"/>
                <property name="errors" value="1"/>
                <property name="latency.first_audio_ms.p50" value="800"/>
                <property name="latency.first_audio_ms.p90" value="2600"/>
                <property name="latency.first_audio_ms.max" value="2600"/>
                <property name="latency.turn_complete_ms.p50" value="2000"/>
                <property name="latency.turn_complete_ms.p90" value="2000"/>
                <property name="latency.turn_complete_ms.max" value="2000"/>
              </properties>
            </testcase>
            <testcase name="turn 1: latency.first_audio_ms lt 2500" classname="suite.weather" file="suite/weather.yaml" line="7" time="2.500">
              <properties>
                <property name="k" value="4"/>
                <property name="n" value="5"/>
                <property name="ci_low" value="0.3755"/>
                <property name="ci_high" value="0.9638"/>
                <property name="requirement" value="0.8"/>
                <property name="gate" value="point"/>
                <property name="errors" value="1"/>
                <property name="latency.first_audio_ms.p50" value="800"/>
                <property name="latency.first_audio_ms.p90" value="2600"/>
                <property name="latency.first_audio_ms.max" value="2600"/>
                <property name="latency.turn_complete_ms.p50" value="2000"/>
                <property name="latency.turn_complete_ms.p90" value="2000"/>
                <property name="latency.turn_complete_ms.max" value="2000"/>
                <property name="cassette" value="cassettes/weather-3.ndjson"/>
              </properties>
              <flakyFailure message="attempt 3: latency_budget, actual 2600" type="latency_budget"/>
            </testcase>
            <testcase name="turn 2: responded equals true" classname="suite.weather" file="suite/weather.yaml" line="11" time="2.500">
              <properties>
                <property name="k" value="5"/>
                <property name="n" value="5"/>
                <property name="ci_low" value="0.5655"/>
                <property name="ci_high" value="1.0000"/>
                <property name="requirement" value="1"/>
                <property name="gate" value="point"/>
                <property name="errors" value="1"/>
                <property name="latency.first_audio_ms.p50" value="400"/>
                <property name="latency.first_audio_ms.p90" value="400"/>
                <property name="latency.first_audio_ms.max" value="400"/>
              </properties>
            </testcase>
          </testsuite>
          <testsuite name="greeting" tests="1" failures="1" errors="0" time="1.000" skipped="0" file="suite/greeting.yaml">
            <testcase name="turn 1: output_transcript contains &quot;Hello&quot;" classname="suite.greeting" file="suite/greeting.yaml" line="4" time="1.000">
              <properties>
                <property name="k" value="0"/>
                <property name="n" value="1"/>
                <property name="ci_low" value="0.0000"/>
                <property name="ci_high" value="0.7935"/>
                <property name="requirement" value="1"/>
                <property name="gate" value="point"/>
              </properties>
              <failure message="0/1 passed (95 % CI 0–79 %), required 100 %" type="text_mismatch">expected: output_transcript contains "Hello"
        attempt 1: text_mismatch, actual "Bye\u0001 ]]&gt; &lt;b&gt;&amp;"</failure>
            </testcase>
          </testsuite>
          <testsuite name="farewell #2" tests="1" failures="0" errors="1" time="1.000" skipped="0" file="./suite/farewell.v2.yml">
            <testcase name="turn 1: responded equals true" classname="suite.farewell.v2" file="./suite/farewell.v2.yml" line="5" time="0.000">
              <properties>
                <property name="k" value="0"/>
                <property name="n" value="0"/>
                <property name="ci_low" value="0.0000"/>
                <property name="ci_high" value="1.0000"/>
                <property name="requirement" value="1"/>
                <property name="gate" value="point"/>
                <property name="errors" value="2"/>
              </properties>
              <error message="no verdict: 2 attempts, all transport errors" type="transport_error">attempt 1: error: close 1011 "internal"\#u{FFFD} ]]&gt;
        after 3 retries
        attempt 2: error: connect refused</error>
            </testcase>
          </testsuite>
        </testsuites>

        """#
}
