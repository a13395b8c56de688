import GeminiLiveRegression
import GeminiLiveSystem
import Testing

/// Every invalid scenario is one line of bad data naming `file:line:column`, what is wrong, and the key.
@Suite struct ScenarioErrorTests {
    private func error(_ yaml: String, file: String = "bad.yaml") -> ToolError? {
        do {
            _ = try Scenario(yaml: yaml, path: file)
            return nil
        } catch {
            return error
        }
    }

    private func expectError(
        _ yaml: String, _ description: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let failure = error(yaml)
        #expect(failure?.category == .badData, sourceLocation: sourceLocation)
        #expect(failure?.description == description, sourceLocation: sourceLocation)
        #expect(failure?.description.contains("\n") == false, sourceLocation: sourceLocation)
    }

    @Test func unknownKeysAreNamedWhereverTheyAre() {
        expectError(
            "name: x\nturn: []",
            "bad.yaml:2:1: unknown key at the top level; known keys: name, tags, setup, setup_file, tool_responses, "
                + "require, turns (turn)")
        expectError(
            "setup:\n  vocie: Kore\nturns: [{text: hi}]",
            "bad.yaml:2:3: unknown key in setup; known keys: model, system, system_file, tools, voice, response, "
                + "transcription, vad, raw (setup.vocie)")
        expectError(
            "turns:\n  - text: hi\n    expct: []",
            "bad.yaml:3:5: unknown key in turns[0]; known keys: audio, text, image, silence_ms, activity_start, "
                + "activity_end, audio_stream_end, at, expect (turns[0].expct)")
        expectError(
            "turns:\n  - text: hi\n    at: {after: first_audio, delay: 5}",
            "bad.yaml:3:30: unknown key in turns[0].at; known keys: after, delay_ms (turns[0].at.delay)")
        expectError(
            "tool_responses:\n  f: [{when: {a: 1}, reslt: {}}]\nturns: [{text: hi}]",
            "bad.yaml:2:22: unknown key in tool_responses.f[0]; known keys: when, result (tool_responses.f[0].reslt)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - tool_call: {name: f, arg: {}}",
            "bad.yaml:4:30: unknown key in turns[0].expect[0].tool_call; known keys: name, args "
                + "(turns[0].expect[0].tool_call.arg)")
    }

    @Test func unknownQueriesAndPredicatesAreNamed() {
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - output_transcrpt: {contains: x}",
            "bad.yaml:4:9: unknown query; known queries: output_transcript, input_transcript, text, tool_call, "
                + "tool_calls, events, audio_ms, interrupted, responded, not_truncated, max_gap_ms, close_code, judge, "
                + "usage.<field>, latency.<metric> (turns[0].expect[0].output_transcrpt)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - latency.first_audio: {lt: 1}",
            "bad.yaml:4:9: unknown query; known queries: output_transcript, input_transcript, text, tool_call, "
                + "tool_calls, events, audio_ms, interrupted, responded, not_truncated, max_gap_ms, close_code, judge, "
                + "usage.<field>, latency.<metric> (turns[0].expect[0].latency.first_audio)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - usage.total_tokens: {gt: 1}",
            "bad.yaml:4:9: unknown query; known queries: output_transcript, input_transcript, text, tool_call, "
                + "tool_calls, events, audio_ms, interrupted, responded, not_truncated, max_gap_ms, close_code, judge, "
                + "usage.<field>, latency.<metric> (turns[0].expect[0].usage.total_tokens)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - text: {contain: x}",
            "bad.yaml:4:16: unknown predicate; known predicates: equals, contains, icontains, matches, not_contains, "
                + "lt, le, gt, ge, between, exists, subsequence (turns[0].expect[0].text.contain)")
    }

    @Test func predicatesMustSuitTheirQuery() {
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - latency.first_audio_ms: {contains: x}",
            "bad.yaml:4:34: contains does not apply to latency.first_audio_ms, which is a number "
                + "(turns[0].expect[0].latency.first_audio_ms.contains)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - output_transcript: {lt: 3}",
            "bad.yaml:4:29: lt does not apply to output_transcript, which is a text "
                + "(turns[0].expect[0].output_transcript.lt)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - output_transcript: {subsequence: [a]}",
            "bad.yaml:4:29: subsequence does not apply to output_transcript, which is a text "
                + "(turns[0].expect[0].output_transcript.subsequence)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - responded: yes",
            "bad.yaml:4:20: responded is true or false, found a string (turns[0].expect[0].responded)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - audio_ms: {lt: fast}",
            "bad.yaml:4:24: expected a number, found a string (turns[0].expect[0].audio_ms.lt)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - audio_ms: {between: [3, 1]}",
            "bad.yaml:4:29: between needs low <= high (turns[0].expect[0].audio_ms.between)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - audio_ms: {between: 3}",
            "bad.yaml:4:29: between takes a list of two numbers [low, high] (turns[0].expect[0].audio_ms.between)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - text: {matches: \"a(\"}",
            "bad.yaml:4:25: not a valid regular expression: "
                + "\(regexError("a("))"
                + " (turns[0].expect[0].text.matches)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - text: {contains: a, not_contains: b}",
            "bad.yaml:4:15: a query takes one predicate; found contains and not_contains (turns[0].expect[0].text)")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - text: a\n        responded: true",
            "bad.yaml:4:9: an expectation has one query; found text and responded (turns[0].expect[0])")
        expectError(
            "turns:\n  - text: hi\n    expect:\n      - text: a\n        require: 2",
            "bad.yaml:5:18: require must be between 0 and 1 (turns[0].expect[0].require)")
    }

    private func regexError(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "none"
        } catch {
            return "\(error)"
        }
    }

    @Test func structuralMistakesAreReported() {
        expectError("name: x", "bad.yaml:1:1: a scenario needs turns (turns)")
        expectError("turns: []", "bad.yaml:1:8: a scenario needs at least one turn (turns)")
        expectError("turns: {text: hi}", "bad.yaml:1:8: expected a list of turns, found a mapping (turns)")
        expectError("- a\n- b", "bad.yaml:1:1: expected a mapping, found a list")
        expectError(
            "turns:\n  - expect: []",
            "bad.yaml:2:5: a turn needs one input: audio, text, image, silence_ms, activity_start, activity_end, "
                + "audio_stream_end (turns[0])")
        expectError(
            "turns:\n  - text: hi\n    audio: a.wav",
            "bad.yaml:2:5: a turn has one input; found audio and text (turns[0])")
        expectError(
            "turns:\n  - silence_ms: 0",
            "bad.yaml:2:17: silence_ms must be positive (turns[0].silence_ms)")
        expectError(
            "turns:\n  - silence_ms: 1.5",
            "bad.yaml:2:17: expected a whole number, found 1.5 (turns[0].silence_ms)")
        expectError(
            "turns:\n  - activity_end: false",
            "bad.yaml:2:19: expected true or nothing, found a Boolean (turns[0].activity_end)")
        expectError(
            "turns:\n  - activity_stop",
            "bad.yaml:2:5: a turn is a mapping, or one of activity_start, activity_end, audio_stream_end (turns[0])")
        expectError(
            "turns:\n  - text: hi\n    at: {after: first_word}",
            "bad.yaml:3:17: unknown value \"first_word\"; expected one of: setup_complete, first_input_transcript, "
                + "first_output_transcript, first_audio, first_text, tool_call, generation_complete, turn_complete "
                + "(turns[0].at.after)")
        expectError(
            "setup: {response: video}\nturns: [{text: hi}]",
            "bad.yaml:1:19: unknown value \"video\"; expected one of: audio, text (setup.response)")
        expectError(
            "setup: {model: m}\nsetup_file: s.json\nturns: [{text: hi}]",
            "bad.yaml:1:1: give setup or setup_file, not both (setup)")
        expectError(
            "setup: {system: a, system_file: b}\nturns: [{text: hi}]",
            "bad.yaml:1:9: give system or system_file, not both (setup.system)")
        expectError(
            "setup: {transcription: sometimes}\nturns: [{text: hi}]",
            "bad.yaml:1:24: expected true or false, found a string (setup.transcription)")
        expectError("require: 1.5\nturns: [{text: hi}]", "bad.yaml:1:10: require must be between 0 and 1 (require)")
        expectError(
            "tool_responses:\n  f: 42\nturns: [{text: hi}]",
            "bad.yaml:2:6: expected a result mapping, a list of {when, result} or {command}, found a number "
                + "(tool_responses.f)")
        expectError(
            "tool_responses:\n  f: [{when: {a: 1}, result: 3}]\nturns: [{text: hi}]",
            "bad.yaml:2:30: a function result must be a mapping, found a number (tool_responses.f[0].result)")
        expectError(
            "tool_responses:\n  f: {command: 3}\nturns: [{text: hi}]",
            "bad.yaml:2:16: expected a string, found a number (tool_responses.f.command)")
        expectError(
            "tags: {a: 1}\nturns: [{text: hi}]", "bad.yaml:1:7: expected a list of tags, found a mapping (tags)")
    }

    @Test func yamlSyntaxErrorsAndDuplicateKeysKeepTheirPlace() {
        let syntax = error("turns:\n  - text: \"unterminated\n")
        #expect(syntax?.category == .badData)
        #expect(syntax?.description.hasPrefix("bad.yaml:3:1: not valid YAML: ") == true)
        #expect(syntax?.description.contains("\n") == false)
        expectError("name: a\nname: b\nturns: [{text: hi}]", "bad.yaml:1:1: a key is given twice (name)")
        expectError("? [a]\n: b\n", "bad.yaml:1:3: a key must be a plain string")
    }

    @Test func aMissingFileIsNotBadData() {
        #expect(throws: ToolError.self) { try Scenario(contentsOfFile: "/nonexistent/scenario.yaml") }
        do {
            _ = try Scenario(contentsOfFile: "/nonexistent/scenario.yaml")
        } catch {
            #expect(error.category == .noInput)
            #expect(error.description.contains("scenario.yaml"))
        }
    }
}
