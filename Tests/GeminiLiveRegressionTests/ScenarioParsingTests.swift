import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem
import Testing

@Suite struct ScenarioParsingTests {
    /// The example of issue 13, verbatim (comments included).
    static let issueExample = """
        name: weather in Paris
        tags: [tools, smoke]
        setup:                       # or `setup_file: setup.json`; `raw:` is merged into the setup as is
          model: gemini-3.8-live
          system: "You are a terse weather assistant."     # or `system_file:`
          tools: tools.json          # function declarations
          voice: Kore
          response: audio            # audio | text
          transcription: true        # input and output, on by default
          vad: server                # server | manual (activity markers) | off
        tool_responses:              # canned answers by function name
          get_weather: {temperature_c: 21, sky: sunny}                       # static
          # get_weather: [{when: {city: Paris}, result: {...}}, {result: {...}}]   # first match on an args subset
          # get_weather: {command: ./weather.sh}                             # call JSON on stdin, result on stdout
        require: 1.0                 # default pass rate each expectation must reach over --repeat
        turns:
          - audio: question.wav      # any format the encoder reads; or text:, image:, silence_ms:, activity_start/activity_end, audio_stream_end
            expect:
              - input_transcript: {contains: weather}
              - tool_call: {name: get_weather, args: {city: Paris}}           # args: subset match
              - output_transcript: {icontains: sunny}
              - latency.first_audio_ms: {lt: 2500}
              - responded: true
          - text: "never mind, thanks"
            at: {after: first_audio, delay_ms: 800}                          # a barge-in into the previous reply
            expect:
              - interrupted: true
              - latency.interrupted_ms: {lt: 1500}

        """

    @Test func readsTheIssueExample() throws {
        let scenario = try Scenario(yaml: Self.issueExample, path: "suite/weather.yaml")
        #expect(scenario.name == "weather in Paris")
        #expect(scenario.tags == ["tools", "smoke"])
        #expect(scenario.requirement == 1)
        #expect(scenario.folder == "suite")
        guard case .described(let setup) = scenario.setup else {
            Issue.record("expected an inline setup")
            return
        }
        #expect(setup.model == "gemini-3.8-live")
        #expect(setup.system == .text("You are a terse weather assistant."))
        #expect(setup.tools?.path == "tools.json")
        #expect(setup.tools?.location == FileLocation(file: "suite/weather.yaml", line: 6, column: 10))
        #expect(setup.tools?.resolved(in: scenario.folder) == "suite/tools.json")
        #expect(setup.voice == "Kore")
        #expect(setup.response == .audio)
        #expect(setup.transcription)
        #expect(setup.activityDetection == .server)
        #expect(setup.raw.isEmpty)

        #expect(scenario.toolResponses.count == 1)
        let weather = try #require(scenario.toolResponse(for: "get_weather"))
        #expect(weather.rule == .fixed(["temperature_c": 21, "sky": "sunny"]))
        #expect(weather.answer(arguments: ["city": "Rome"]) == .result(["temperature_c": 21, "sky": "sunny"]))

        #expect(scenario.turns.count == 2)
        let first = scenario.turns[0]
        #expect(first.input == .audio(FileReference(path: "question.wav", location: location(17, 12))))
        #expect(first.start == nil)
        #expect(first.location == location(17, 5))
        #expect(
            first.expectations == [
                Expectation(
                    query: .inputTranscript, predicate: .contains("weather"), key: "input_transcript",
                    location: location(19, 9)),
                Expectation(
                    query: .toolCall, predicate: .call(name: "get_weather", arguments: ["city": "Paris"]),
                    key: "tool_call", location: location(20, 9)),
                Expectation(
                    query: .outputTranscript, predicate: .containsIgnoringCase("sunny"), key: "output_transcript",
                    location: location(21, 9)),
                Expectation(
                    query: .latency(.firstAudio), predicate: .lessThan(2500), key: "latency.first_audio_ms",
                    location: location(22, 9)),
                Expectation(query: .responded, predicate: .equals(true), key: "responded", location: location(23, 9)),
            ])
        let second = scenario.turns[1]
        #expect(second.input == .text("never mind, thanks"))
        #expect(second.start == ScenarioTurn.Start(after: .firstAudio, delayMilliseconds: 800))
        #expect(second.expectations.map(\.query) == [.interrupted, .latency(.interrupted)])
        #expect(second.expectations.map(\.predicate) == [.equals(true), .lessThan(1500)])
        #expect(second.expectations[1].location.description == "suite/weather.yaml:28:9")
    }

    private func location(_ line: Int, _ column: Int) -> FileLocation {
        FileLocation(file: "suite/weather.yaml", line: line, column: column)
    }

    @Test func readsEveryInputKindAndTheBareMarkers() throws {
        let scenario = try Scenario(
            yaml: """
                setup: {vad: manual}
                turns:
                  - activity_start
                  - audio: /abs/q.flac
                  - activity_end: true
                  - image: photo.jpg
                  - silence_ms: 800
                  - audio_stream_end:
                  - text: "and now?"
                """, path: "t.yaml")
        #expect(scenario.name == "t")
        let inputs = scenario.turns.map(\.input)
        #expect(inputs.count == 7)
        #expect(inputs[0] == .activityStart)
        guard case .audio(let audio) = inputs[1] else {
            Issue.record("expected audio")
            return
        }
        #expect(audio.resolved(in: scenario.folder) == "/abs/q.flac")
        #expect(inputs[2] == .activityEnd)
        guard case .image(let image) = inputs[3] else {
            Issue.record("expected an image")
            return
        }
        #expect(image.resolved(in: "/suite") == "/suite/photo.jpg")
        #expect(inputs[4] == .silence(milliseconds: 800))
        #expect(inputs[5] == .audioStreamEnd)
        #expect(inputs[6] == .text("and now?"))
        guard case .described(let setup) = scenario.setup else {
            Issue.record("expected a setup")
            return
        }
        #expect(setup.activityDetection == .manual)
    }

    @Test func readsSetupFileSystemFileRawAndDefaults() throws {
        let fromFile = try Scenario(yaml: "setup_file: setup.json\nturns: [{text: hi}]", path: "a/b/c.yml")
        #expect(fromFile.setup == .file(FileReference(path: "setup.json", location: location("a/b/c.yml", 1, 13))))
        #expect(fromFile.name == "c")

        let described = try Scenario(
            yaml: """
                setup:
                  system_file: prompt.txt
                  response: text
                  transcription: false
                  vad: off
                  raw: {generationConfig: {temperature: 0.2}, realtimeInputConfig: {turnCoverage: TURN_INCLUDES_ALL_INPUT}}
                turns: [{text: hi}]
                """, path: "s.yaml")
        guard case .described(let setup) = described.setup else {
            Issue.record("expected a setup")
            return
        }
        #expect(setup.system == .file(FileReference(path: "prompt.txt", location: location("s.yaml", 2, 16))))
        #expect(setup.response == .text)
        #expect(!setup.transcription)
        #expect(setup.activityDetection == .off)
        #expect(
            JSONValue.object(setup.raw)
                == [
                    "generationConfig": ["temperature": 0.2],
                    "realtimeInputConfig": ["turnCoverage": "TURN_INCLUDES_ALL_INPUT"],
                ])

        let bare = try Scenario(yaml: "turns: [{text: hi}]", path: "bare.yaml")
        #expect(bare.setup == .described(ScenarioSetup()))
        #expect(bare.tags.isEmpty)
        #expect(bare.toolResponses.isEmpty)
    }

    private func location(_ file: String, _ line: Int, _ column: Int) -> FileLocation {
        FileLocation(file: file, line: line, column: column)
    }

    @Test func readsTheThreeToolResponseForms() throws {
        let scenario = try Scenario(
            yaml: """
                tool_responses:
                  get_weather:
                    - when: {city: Paris}
                      result: {sky: sunny}
                    - when: {city: London, units: {temperature: c}}
                      result: {sky: rain}
                    - result: {sky: unknown}
                  get_time: {command: ./time.sh --zone}
                  get_news: {command: [not, a, string], other: 1}
                turns: [{text: hi}]
                """, path: "tools.yaml")
        #expect(scenario.toolResponses.map(\.function) == ["get_weather", "get_time", "get_news"])
        let weather = try #require(scenario.toolResponse(for: "get_weather"))
        #expect(weather.location == location("tools.yaml", 2, 3))
        #expect(weather.answer(arguments: ["city": "Paris", "days": 2]) == .result(["sky": "sunny"]))
        #expect(
            weather.answer(arguments: ["city": "London", "units": ["temperature": "c", "wind": "kmh"]])
                == .result(["sky": "rain"]))
        #expect(weather.answer(arguments: ["city": "London"]) == .result(["sky": "unknown"]))
        #expect(weather.answer(arguments: .null) == .result(["sky": "unknown"]))
        #expect(scenario.toolResponse(for: "get_time")?.answer(arguments: [:]) == .run("./time.sh --zone"))
        // A mapping with more than `command` is a plain result that happens to have such a member.
        #expect(
            scenario.toolResponse(for: "get_news")?.rule == .fixed(["command": ["not", "a", "string"], "other": 1]))

        let strict = CannedToolResponse(
            function: "f", rule: .cases([.init(when: ["a": 1], result: ["ok": true])]),
            location: location("x", 1, 1))
        #expect(strict.answer(arguments: ["a": 2]) == .noMatch)
        #expect(strict.answer(arguments: ["a": 1.0]) == .result(["ok": true]))
    }

    @Test func readsEveryQueryAndPredicate() throws {
        let scenario = try Scenario(
            yaml: """
                turns:
                  - text: hi
                    expect:
                      - output_transcript: {equals: "It is sunny."}
                      - output_transcript: It is sunny.
                      - input_transcript: {not_contains: rain}
                      - text: {matches: "^It (is|was) \\\\w+"}
                      - tool_call: get_time
                      - tool_call: {args: {zone: CET}}
                      - tool_calls: 2
                      - events: {subsequence: [toolCall, turnComplete]}
                      - events: {contains: interrupted}
                      - audio_ms: {between: [1000, 2500.5]}
                      - interrupted: false
                      - responded: {exists: true}
                      - not_truncated: true
                      - max_gap_ms: {le: 300}
                      - usage.total_token_count: {gt: 0}
                      - usage.promptTokenCount: {ge: 10}
                      - close_code: 1000
                      - latency.rtf: {ge: 1}
                      - latency.audio_after_barge_in_ms: {lt: 200}
                      - output_transcript: {icontains: SUNNY}
                        require: 0.8
                """, path: "q.yaml")
        let expectations = scenario.turns[0].expectations
        #expect(
            expectations.map(\.query) == [
                .outputTranscript, .outputTranscript, .inputTranscript, .text, .toolCall, .toolCall, .toolCalls,
                .events, .events, .audioMilliseconds, .interrupted, .responded, .notTruncated, .maxGapMilliseconds,
                .usage("totalTokenCount"), .usage("promptTokenCount"), .closeCode, .latency(.realTimeFactor),
                .latency(.audioAfterBargeIn), .outputTranscript,
            ])
        #expect(
            expectations.map(\.predicate) == [
                .equals("It is sunny."), .equals("It is sunny."), .notContains("rain"), .matches(#"^It (is|was) \w+"#),
                .call(name: "get_time", arguments: nil), .call(name: nil, arguments: ["zone": "CET"]), .equals(2),
                .subsequence(["toolCall", "turnComplete"]), .contains("interrupted"), .between(1000, 2500.5),
                .equals(false), .exists(true), .equals(true), .atMost(300), .greaterThan(0), .atLeast(10),
                .equals(1000), .atLeast(1), .lessThan(200), .containsIgnoringCase("SUNNY"),
            ])
        #expect(expectations[14].key == "usage.total_token_count")
        #expect(expectations[14].query.description == "usage.totalTokenCount")
        #expect(expectations.last?.requirement == 0.8)
        #expect(expectations.dropLast().allSatisfy { $0.requirement == nil })
    }

    @Test func readsScalarsByTheYAML12CoreSchema() throws {
        // YAML 1.1 would make `no` false, `012` ten and `1:30` ninety; the core schema keeps them as written.
        let node = try SourceNode(
            yaml: "[no, on, yes, 012, 0o17, 0x1F, -3, +4, 1.5, .5, 1e3, '7', null, ~, True, FALSE, 1:30, .inf]",
            file: "s.yaml")
        guard case .sequence(let elements) = node.value else {
            Issue.record("expected a list")
            return
        }
        #expect(
            elements.map(\.json) == [
                "no", "on", "yes", 12, 15, 31, -3, 4, 1.5, 0.5, 1000, "7", nil, nil, true, false, "1:30", ".inf",
            ])
        #expect(elements[3].location == FileLocation(file: "s.yaml", line: 1, column: 15))
        let empty = try SourceNode(yaml: "", file: "empty.yaml")
        #expect(empty.value == .null)
    }
}

extension ScenarioParsingTests {
    @Test func anchorsAndAliasesRepeatATurn() throws {
        let scenario = try Scenario(
            yaml: "turns:\n  - &ask {text: hi, expect: [responded: true]}\n  - *ask", path: "a.yaml")
        #expect(scenario.turns.count == 2)
        #expect(scenario.turns[0] == scenario.turns[1])
        #expect(scenario.turns[1].expectations.first?.location.description == "a.yaml:2:30")
    }
}
