import GeminiLiveProtocol
import GeminiLiveRegression

/// A two-turn scenario and attempts built by hand, shared by the tests of results, reports and renderers.
enum ReportFixtures {
    static let weatherYAML = """
        name: weather in Paris
        turns:
          - text: what is the weather in Paris
            expect:
              - tool_call: {name: get_weather, args: {city: Paris}}
              - output_transcript: {icontains: sunny}
              - latency.first_audio_ms: {lt: 2500}
                require: 0.8
          - text: thanks
            expect:
              - responded: true

        """

    static let greetingYAML = """
        turns:
          - text: hello
            expect:
              - output_transcript: {contains: Hello}

        """

    static let farewellYAML = """
        name: "farewell #2"
        turns:
          - text: bye
            expect:
              - responded: true

        """

    static var farewell: Scenario { try! Scenario(yaml: farewellYAML, path: "./suite/farewell.v2.yml") }
    static var weather: Scenario { try! Scenario(yaml: weatherYAML, path: "suite/weather.yaml") }
    static var greeting: Scenario { try! Scenario(yaml: greetingYAML, path: "suite/greeting.yaml") }

    /// A reply that answered: optionally a call, a transcript, and a first-audio figure.
    static func answered(
        transcript: String?, calls: [JSONValue] = [], firstAudio: Double? = nil, turnComplete: Double? = nil
    ) -> RecordedTurn {
        var latency: [LatencyMetric: Double] = [:]
        latency[.firstAudio] = firstAudio
        latency[.turnComplete] = turnComplete
        return RecordedTurn(
            inputStart: 0, latency: latency,
            reply: RecordedTurn.Reply(outputTranscript: transcript, calls: calls, responded: true))
    }

    /// A turn the model left unanswered.
    static var silent: RecordedTurn { RecordedTurn(inputStart: 0) }

    static let parisCall: JSONValue = ["name": "get_weather", "args": ["city": "Paris"]]

    /// A recording with `turns`.
    static func recording(_ turns: [RecordedTurn]) -> RecordedAttempt {
        var attempt = RecordedAttempt(frames: [])
        attempt.turns = turns
        return attempt
    }

    /// Attempt `number` of the weather scenario: sunny and fast unless told otherwise.
    static func weatherAttempt(
        _ number: Int, transcript: String = "It is sunny.", firstAudio: Double = 800, secondTurn: Bool = true
    ) -> AttemptResult {
        var turns = [
            answered(transcript: transcript, calls: [parisCall], firstAudio: firstAudio, turnComplete: 2000)
        ]
        if secondTurn { turns.append(answered(transcript: "You're welcome.", firstAudio: 400)) }
        return AttemptResult(weather, attempt: number, recorded: recording(turns), duration: 2.5)
    }

    /// Attempt `number` of the greeting scenario.
    static func greetingAttempt(_ number: Int, transcript: String = "Hello there.") -> AttemptResult {
        AttemptResult(greeting, attempt: number, recorded: recording([answered(transcript: transcript)]), duration: 1)
    }

    /// Attempt `number` of `scenario` that ended with `outcome`.
    static func unfinished(_ scenario: Scenario, _ number: Int, _ outcome: AttemptOutcome) -> AttemptResult {
        AttemptResult(scenario, attempt: number, outcome: outcome, recorded: recording([]), duration: 0.5)
    }
}

extension ReportFixtures {
    /// The suite the renderer tests print: weather passes (one attempt slow, one a transport error), greeting
    /// fails on a transcript holding a control character and `]]>`, farewell has only transport errors, one
    /// of them with a control character and `]]>` in its reason.
    static var mixedSuite: SuiteReport {
        var slow = weatherAttempt(3, firstAudio: 2600)
        slow.cassette = "cassettes/weather-3.ndjson"
        let attempts = [
            weatherAttempt(1), unfinished(weather, 2, .error("connect refused")), slow, weatherAttempt(4),
            weatherAttempt(5), weatherAttempt(6), greetingAttempt(1, transcript: "Bye\u{1} ]]> <b>&"),
            unfinished(farewell, 1, .error("close 1011 \"internal\"\u{0} ]]>\nafter 3 retries")),
            unfinished(farewell, 2, .error("connect refused")),
        ]
        return SuiteReport(scenarios: [weather, greeting, farewell], attempts: attempts, gate: .point)
    }
}
