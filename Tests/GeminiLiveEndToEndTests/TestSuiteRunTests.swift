import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-test` running scenario suites for real: the built binary, its private in-process emulator
/// (`--emulator`), cassettes recorded with `--record` and replayed with `--replay`.
@Suite("test: running scenario suites", .serialized)
struct TestSuiteRunTests {
    static let tool = ToolRunner.tool("gemini-live-test")

    /// The emulator's weather script: the question about the weather calls get_weather, then says its answer.
    static let script = """
        rules:
          - match: {text: weather}
            reply:
              - say: Let me look that up.
              - toolCall: {name: get_weather, args: {city: Paris}, id: call_weather_1}
              - say: "The weather in Paris is {{response}}."
        """

    /// A scenario with a tool call answered from `tool_responses` and a second, plain text turn.
    static let weather = """
        name: weather in Paris
        tags: [tools, smoke]
        setup:
          system: "You are a terse weather assistant."
        tool_responses:
          get_weather: {temperature_c: 21, sky: sunny}
        turns:
          - text: "what is the weather in Paris?"
            expect:
              - tool_call: {name: get_weather, args: {city: Paris}}
              - output_transcript: {icontains: sunny}
              - responded: true
          - text: "thanks"
            expect:
              - responded: true
        """

    /// A folder holding the script and the given scenario files.
    static func suite(_ files: [String: String]) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("suite")
        try script.write(toFile: folder.file("script.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(toFile: folder.file(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static func run(_ folder: TemporaryDirectory, _ arguments: [String]) throws -> ProcessResult {
        try ToolRunner.run(tool, arguments, currentDirectory: folder.path)
    }

    static let emulator = ["--emulator", "--emulator-script", "script.yaml"]

    @Test("a passing scenario exits 0 and --record keeps its cassette with the scenario's hash in the header")
    func passingScenario() throws {
        let folder = try Self.suite(["weather.yaml": Self.weather])
        let result = try Self.run(folder, Self.emulator + ["--record", "cassettes", "weather.yaml"])
        #expect(result.status == 0, "\(result.stderrText)")
        let cassette = try String(contentsOfFile: folder.file("cassettes/weather/attempt-1.ndjson"), encoding: .utf8)
        let header = cassette.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains(#""scenario":"weather.yaml""#))
        #expect(header.contains(#""scenarioHash":"sha256:"#))
        // The canned answer went back with the call's id.
        #expect(cassette.contains(#""toolResponse":{"functionResponses":[{"id":"call_weather_1","name":"get_weather""#))
    }

    @Test(
        "a failing expectation exits 1, naming its file:line on stdout and failing in JUnit; --results has the attempt")
    func failingScenario() throws {
        let failing = Self.weather.replacingOccurrences(of: "icontains: sunny", with: "icontains: rainy")
        let folder = try Self.suite(["failing.yaml": failing])
        let result = try Self.run(
            folder, Self.emulator + ["--junit", "junit.xml", "--results", "results.jsonl", "failing.yaml"])
        #expect(result.status == 1, "\(result.stderrText)")
        // The failed expectation with its place in the file, what was expected and what came.
        #expect(result.stdoutText.contains("failing.yaml:11:9:"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains(#"icontains "rainy""#))
        let junit = try String(contentsOfFile: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        let results = try String(contentsOfFile: folder.file("results.jsonl"), encoding: .utf8)
        #expect(results.split(separator: "\n").count == 1)
        #expect(results.contains(#""outcome":"completed""#))
    }

    @Test("a folder is its scenario files: not its subfolders, and not the emulator script kept beside them")
    func suiteFolder() throws {
        let failing = Self.weather.replacingOccurrences(of: "icontains: sunny", with: "icontains: rainy")
        let folder = try Self.suite(["weather.yaml": Self.weather])
        try FileManager.default.createDirectory(atPath: folder.file("failing"), withIntermediateDirectories: false)
        try failing.write(toFile: folder.file("failing/failing.yaml"), atomically: true, encoding: .utf8)
        let result = try Self.run(folder, ["-v"] + Self.emulator + ["--record", "cassettes", "."])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("weather.yaml attempt 1: completed"), "\(result.stderrText)")
        // Without --emulator-script the script beside the scenarios is still no scenario: it has rules, no turns.
        let replayed = try Self.run(folder, ["--replay", "cassettes", "."])
        #expect(replayed.status == 0, "\(replayed.stderrText)")
        let both = try Self.run(folder, Self.emulator + [".", "failing"])
        #expect(both.status == 1, "\(both.stderrText)")
    }

    @Test("a --tag or --filter that selects nothing is a usage error (64), not a pass that ran nothing")
    func emptySelection() throws {
        let folder = try Self.suite(["weather.yaml": Self.weather])
        let result = try Self.run(folder, Self.emulator + ["--tag", "smoek", "--filter", "weath", "."])
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(
            result.stderrText == "gemini-live-test: no scenario matches --tag smoek --filter weath (of 1 read)\n",
            "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an invalid scenario exits 65 naming file:line:column and the key")
    func invalidScenario() throws {
        let folder = try Self.suite(["bad.yaml": "turns:\n  - text: hi\n    expect:\n      - bogus_query: 1\n"])
        let result = try Self.run(folder, Self.emulator + ["bad.yaml"])
        #expect(result.status == 65)
        #expect(result.stderrText.contains("bad.yaml:4:9: unknown query"), "\(result.stderrText)")
        #expect(result.stderrText.contains("bogus_query"))
    }

    @Test("a command: tool response gets the call as JSON on stdin and answers with its stdout")
    func commandToolResponse() throws {
        let scenario = """
            tool_responses:
              get_weather: {command: ./weather.sh}
            turns:
              - text: "what is the weather in Paris?"
                expect:
                  - output_transcript: {icontains: sunny}
            """
        let folder = try Self.suite(["command.yaml": scenario])
        let command = "#!/bin/sh\nread call\necho \"{\\\"sky\\\": \\\"sunny\\\", \\\"call\\\": $call}\"\n"
        try command.write(toFile: folder.file("weather.sh"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.file("weather.sh"))
        let result = try Self.run(folder, Self.emulator + ["--record", "cassettes", "command.yaml"])
        #expect(result.status == 0, "\(result.stderrText)")
        let cassette = try String(contentsOfFile: folder.file("cassettes/command/attempt-1.ndjson"), encoding: .utf8)
        #expect(cassette.contains(#""response":{"sky":"sunny","call":{"id":"call_weather_1""#))
    }

    @Test("a when: list answers with the first case whose arguments match")
    func whenListToolResponse() throws {
        let scenario = """
            tool_responses:
              get_weather:
                - when: {city: Rome}
                  result: {sky: rainy}
                - when: {city: Paris}
                  result: {sky: sunny}
            turns:
              - text: "what is the weather in Paris?"
                expect:
                  - output_transcript: {icontains: sunny}
            """
        let folder = try Self.suite(["cases.yaml": scenario])
        let result = try Self.run(folder, Self.emulator + ["cases.yaml"])
        #expect(result.status == 0, "\(result.stderrText)")
    }

    @Test("a barge-in at first_audio interrupts the reply in progress")
    func bargeIn() throws {
        let scenario = """
            turns:
              - text: "tell me a long story about the sea"
              - text: "stop, never mind"
                at: {after: first_audio, delay_ms: 200}
                expect:
                  - interrupted: true
                  - responded: true
            """
        let folder = try Self.suite(["barge.yaml": scenario])
        let result = try Self.run(folder, Self.emulator + ["barge.yaml"])
        #expect(result.status == 0, "\(result.stderrText)")
    }

    @Test(
        "a recorded suite replays offline with the same verdicts; a changed prompt is stale, a changed answer diverges")
    func recordAndReplay() throws {
        let folder = try Self.suite(["weather.yaml": Self.weather])
        let recorded = try Self.run(folder, Self.emulator + ["--repeat", "2", "--record", "cassettes", "weather.yaml"])
        #expect(recorded.status == 0, "\(recorded.stderrText)")
        let replayed = try Self.run(folder, ["--replay", "cassettes", "weather.yaml"])
        #expect(replayed.status == 0, "\(replayed.stderrText)")
        // Verdicts and latency figures alike: a replay is judged from the cassette, in its time.
        #expect(replayed.stdoutText == recorded.stdoutText)
        #expect(replayed.stdoutText.contains("2 attempts"), "\(replayed.stdoutText)")

        let changed = Self.weather.replacingOccurrences(of: "terse", with: "verbose")
        try changed.write(toFile: folder.file("weather.yaml"), atomically: true, encoding: .utf8)
        let stale = try Self.run(folder, ["--replay", "cassettes", "weather.yaml"])
        #expect(stale.status == 2)
        #expect(stale.stderrText.contains("re-record"), "\(stale.stderrText)")

        let answer = Self.weather.replacingOccurrences(of: "temperature_c: 21", with: "temperature_c: 25")
        try answer.write(toFile: folder.file("weather.yaml"), atomically: true, encoding: .utf8)
        let diverged = try Self.run(folder, ["--replay", "cassettes", "weather.yaml"])
        #expect(diverged.status == 2)
        #expect(
            diverged.stderrText.contains(
                "replay diverged at client frame 3"), "\(diverged.stderrText)")
        #expect(
            diverged.stderrText.contains(
                "/toolResponse/functionResponses/0/response/temperature_c: recorded 21, got 25"))
    }

    @Test("the key and --redact-env values appear in no output: cassettes, results, JUnit, stdout, stderr")
    func secretsRedacted() throws {
        let key = "AIzaSecretKeyForTheRunnerTest0123456789"
        let other = "another-secret-value-42"
        let emulator = try SessionEmulator(["--api-key", key, "--script", Self.scriptFile])
        let folder = try Self.suite(["weather.yaml": Self.weather.replacingOccurrences(of: "thanks", with: other)])
        let result = try ToolRunner.run(
            Self.tool,
            [
                "-vv", "--endpoint", emulator.url, "--redact-env", "OTHER_SECRET", "--record", "cassettes",
                "--results", "results.jsonl", "--junit", "junit.xml", "weather.yaml",
            ],
            environment: ["GEMINI_API_KEY": key, "OTHER_SECRET": other], currentDirectory: folder.path)
        #expect(result.status == 0, "\(result.stderrText)")
        var everything = result.stdoutText + result.stderrText
        for file in ["cassettes/weather/attempt-1.ndjson", "results.jsonl", "junit.xml"] {
            everything += try String(contentsOfFile: folder.file(file), encoding: .utf8)
        }
        #expect(!everything.contains(key))
        #expect(!everything.contains(other))
        #expect(everything.contains("x-goog-api-key"), "the header names what was redacted")
    }

    /// The weather script as a file of its own, for an emulator started as a separate process.
    static let scriptFile: String = {
        let path = NSTemporaryDirectory() + "gemini-live-test-weather-script.yaml"
        try? script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    @Test("an endpoint that refuses connections is a transport error: 69, not a failure")
    func transportError() throws {
        let folder = try Self.suite(["weather.yaml": Self.weather])
        let result = try Self.run(folder, ["--endpoint", "ws://127.0.0.1:1", "--retries", "0", "weather.yaml"])
        #expect(result.status == 69, "\(result.stderrText)")
    }

    @Test(
        "conflicting options are a usage error (64)",
        arguments: [
            ["--emulator", "--replay", "cassettes", "weather.yaml"],
            ["--emulator-script", "script.yaml", "weather.yaml"],
            ["--emulator", "--repeat", "0", "weather.yaml"],
            ["--emulator"],
        ])
    func usage(_ arguments: [String]) throws {
        let folder = try Self.suite(["weather.yaml": Self.weather])
        let result = try Self.run(folder, arguments)
        #expect(result.status == 64, "\(result.stderrText)")
    }
}
