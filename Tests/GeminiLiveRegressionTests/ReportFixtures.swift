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
