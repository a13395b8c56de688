import Foundation
import GeminiLiveTestSupport
import Testing

/// `judge:` expectations run by the built `gemini-live-test`: the judge script is run on the live attempt, its
/// verdict is kept in the cassette, and a replay uses that verdict without running the judge.
@Suite("test: judges", .serialized)
struct TestSuiteJudgeTests {
    static let tool = ToolRunner.tool("gemini-live-test")

    /// The weather script: the question calls get_weather, then says its answer.
    static let script = """
        rules:
          - match: {text: weather}
            reply:
              - say: Let me look that up.
              - toolCall: {name: get_weather, args: {city: Paris}, id: call_weather_1}
              - say: "The weather in Paris is {{response}}."
        """

    static let scenario = """
        name: weather judged
        tool_responses:
          get_weather: {temperature_c: 21, sky: sunny}
        turns:
          - text: "what is the weather in Paris?"
            expect:
              - responded: true
              - judge: {command: ./judge.sh, criterion: "names the sky"}
        """

    /// A judge that notes each run in runs.log, then passes when the reply says "sunny" and fails otherwise.
    static let judge = """
        #!/bin/sh
        echo run >> runs.log
        if grep -q sunny; then echo "pass it said sunny"; else echo "fail no sky in the reply"; fi
        """

    static func suite(judge: String = Self.judge) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("judge-suite")
        try script.write(toFile: folder.file("script.yaml"), atomically: true, encoding: .utf8)
        try scenario.write(toFile: folder.file("weather.yaml"), atomically: true, encoding: .utf8)
        try writeJudge(judge, in: folder)
        return folder
    }

    static func writeJudge(_ text: String, in folder: TemporaryDirectory) throws {
        try text.write(toFile: folder.file("judge.sh"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.file("judge.sh"))
    }

    static func run(_ folder: TemporaryDirectory, _ arguments: [String]) throws -> ProcessResult {
        try ToolRunner.run(tool, arguments, currentDirectory: folder.path)
    }

    /// How many times the judge ran in `folder`.
    static func runs(_ folder: TemporaryDirectory) -> Int {
        let log = (try? String(contentsOfFile: folder.file("runs.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").count
    }

    static let emulator = ["--emulator", "--emulator-script", "script.yaml"]

    @Test("a live attempt runs the judge and keeps its verdict in the cassette, after the frames")
    func verdictRecorded() throws {
        let folder = try Self.suite()
        let result = try Self.run(folder, Self.emulator + ["--record", "cassettes", "weather.yaml"])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("PASS"), "\(result.stdoutText)")
        #expect(Self.runs(folder) == 1)
        let cassette = try String(contentsOfFile: folder.file("cassettes/weather/attempt-1.ndjson"), encoding: .utf8)
        let lines = cassette.split(separator: "\n")
        let last = String(lines.last ?? "")
        #expect(
            last.contains(
                #""judge":{"turn":1,"criterion":"names the sky","criterionHash":"sha256:"#), "\(last)")
        #expect(last.contains(#""command":"./judge.sh","verdict":"pass","reason":"it said sunny"}}"#), "\(last)")
        #expect(lines.filter { $0.contains(#""judge":"#) }.count == 1)
    }

    @Test("a judge's fail fails the expectation as judge_fail, with its reason as the actual value")
    func verdictFails() throws {
        let folder = try Self.suite(judge: "#!/bin/sh\necho 'FAIL: too terse'\n")
        let result = try Self.run(folder, Self.emulator + ["--results", "results.jsonl", "weather.yaml"])
        #expect(result.status == 1, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("weather.yaml:8:9: weather judged, turn 1: judge"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains(#"expected: pass on "names the sky" by ./judge.sh"#))
        #expect(result.stdoutText.contains(#"1× judge_fail (attempt 1): actual "too terse""#), "\(result.stdoutText)")
        let results = try String(contentsOfFile: folder.file("results.jsonl"), encoding: .utf8)
        #expect(results.contains(#""held":false,"kind":"judge_fail","actual":"too terse""#), "\(results)")
    }

    @Test("a judge that exits non-zero is a judge_error, never a pass")
    func judgeError() throws {
        let folder = try Self.suite(judge: "#!/bin/sh\necho pass\nexit 4\n")
        let result = try Self.run(folder, Self.emulator + ["weather.yaml"])
        #expect(result.status == 1, "\(result.stdoutText)\(result.stderrText)")
        #expect(
            result.stdoutText.contains(#"1× judge_error (attempt 1): actual "the judge exited with status 4""#),
            "\(result.stdoutText)")
    }

    @Test("a replay uses the recorded verdict without running the judge, which may be gone")
    func replayUsesRecordedVerdict() throws {
        let folder = try Self.suite()
        let recorded = try Self.run(folder, Self.emulator + ["--repeat", "2", "--record", "cassettes", "weather.yaml"])
        #expect(recorded.status == 0, "\(recorded.stdoutText)\(recorded.stderrText)")
        #expect(Self.runs(folder) == 2)
        // Were the judge run now, it would fail: there is none.
        try FileManager.default.removeItem(atPath: folder.file("judge.sh"))
        let replayed = try Self.run(folder, ["--replay", "cassettes", "--record", "again", "weather.yaml"])
        #expect(replayed.status == 0, "\(replayed.stdoutText)\(replayed.stderrText)")
        #expect(replayed.stdoutText == recorded.stdoutText)
        #expect(Self.runs(folder) == 2)
        // The replay's own cassettes carry the verdicts they used, so they replay as well (in their own time:
        // the latency figures differ, the verdicts do not).
        let copy = try String(contentsOfFile: folder.file("again/weather/attempt-2.ndjson"), encoding: .utf8)
        #expect(copy.contains(#""verdict":"pass","reason":"it said sunny"}}"#))
        let again = try Self.run(folder, ["--replay", "again", "weather.yaml"])
        #expect(again.status == 0, "\(again.stdoutText)\(again.stderrText)")
        #expect(
            again.stdoutText.hasPrefix("PASS") && again.stdoutText.contains("weather judged  2/2"),
            "\(again.stdoutText)")
        #expect(Self.runs(folder) == 2)
    }

    @Test("a criterion changed since the recording makes the replay stale (2); --allow-stale runs the judge")
    func changedCriterionIsStale() throws {
        let folder = try Self.suite()
        let recorded = try Self.run(folder, Self.emulator + ["--record", "cassettes", "weather.yaml"])
        #expect(recorded.status == 0, "\(recorded.stdoutText)\(recorded.stderrText)")
        let changed = Self.scenario.replacingOccurrences(of: "names the sky", with: "names the sky and the city")
        try changed.write(toFile: folder.file("weather.yaml"), atomically: true, encoding: .utf8)
        let stale = try Self.run(folder, ["--replay", "cassettes", "weather.yaml"])
        #expect(stale.status == 2, "\(stale.stdoutText)\(stale.stderrText)")
        #expect(stale.stdoutText.hasPrefix("STALE"), "\(stale.stdoutText)")
        #expect(
            stale.stderrText.contains(
                #"no verdict of ./judge.sh on turn 1 for "names the sky and the city""#), "\(stale.stderrText)")
        #expect(stale.stderrText.contains("re-record"))
        #expect(Self.runs(folder) == 1)

        let allowed = try Self.run(folder, ["--replay", "cassettes", "--allow-stale", "weather.yaml"])
        #expect(allowed.status == 0, "\(allowed.stdoutText)\(allowed.stderrText)")
        #expect(Self.runs(folder) == 2, "the judge ran on the recorded turn")
    }
}
