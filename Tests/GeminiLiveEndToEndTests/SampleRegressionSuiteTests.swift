import Foundation
import GeminiLiveTestSupport
import Testing

/// samples/regression/, the suite the README shows, run the way a user runs it: against the emulator, recorded,
/// replayed offline, made stale, made to diverge; and its scenario that must fail, failing as documented.
@Suite("samples/regression: live, recorded, replayed, stale, diverged", .serialized)
struct SampleRegressionSuiteTests {
    static let tool = ToolRunner.tool("gemini-live-test")
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    /// A copy of samples/ (the suite refers to ../question.wav), so a test may edit its scenarios.
    static func copy() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("sample-suite")
        for name in ["question.wav", "regression"] {
            try FileManager.default.copyItem(atPath: "\(samples)/\(name)", toPath: folder.file(name))
        }
        return folder
    }

    static func run(_ folder: TemporaryDirectory, _ arguments: [String]) throws -> ProcessResult {
        try ToolRunner.run(tool, arguments, currentDirectory: folder.file("regression"), timeout: 300)
    }

    static let emulator = ["--emulator", "--emulator-script", "emulator.yaml"]
    static let scenarios = ["barge-in", "spoken question", "text only", "weather in Paris"]

    /// The verdict lines of a summary: one per scenario, before the first blank line.
    static func verdicts(_ summary: String) -> [String] {
        Array(summary.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map(String.init))
    }

    @Test("the suite passes against the emulator, and its replay from the recording gives the same report")
    func liveRecordReplay() throws {
        let folder = try Self.copy()
        let live = try Self.run(folder, Self.emulator + ["--record", "cassettes", "."])
        #expect(live.status == 0, "\(live.stdoutText)\(live.stderrText)")
        let verdicts = Self.verdicts(live.stdoutText)
        #expect(verdicts.count == Self.scenarios.count, "\(live.stdoutText)")
        for (line, name) in zip(verdicts, Self.scenarios) {
            #expect(line.hasPrefix("PASS") && line.contains(name) && line.contains("1/1"), "\(line)")
        }
        // Offline: no emulator script, no model; the cassettes answer. Verdicts and latency figures are the same.
        let replay = try Self.run(folder, ["--replay", "cassettes", "."])
        #expect(replay.status == 0, "\(replay.stdoutText)\(replay.stderrText)")
        #expect(replay.stdoutText == live.stdoutText)
    }

    @Test(
        "the scenario that must fail exits 1 with its file:line, what was expected and what came, and a JUnit failure")
    func expectedFailure() throws {
        let folder = try Self.copy()
        let result = try Self.run(folder, Self.emulator + ["--junit", "junit.xml", "failing"])
        #expect(result.status == 1, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("FAIL      wrong city  0/1"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("failing/wrong-city.yaml:12:9: wrong city, turn 1: tool_call"))
        #expect(result.stdoutText.contains(#"expected: call get_weather with arguments containing {"city":"Berlin"}"#))
        #expect(result.stdoutText.contains(#"actual [{"name":"get_weather","args":{"city":"Paris"}}]"#))
        let junit = try String(contentsOfFile: folder.file("regression/junit.xml"), encoding: .utf8)
        #expect(
            junit.contains(
                #"<failure message="0/1 passed (95 % CI 0–79 %), required 100 %" type="tool_args_mismatch">"#))
        #expect(junit.contains(#"file="failing/wrong-city.yaml""#))
    }

    @Test("a changed system instruction makes the cassette stale (2, re-record); a changed tool answer diverges (2)")
    func staleAndDiverged() throws {
        let folder = try Self.copy()
        let recorded = try Self.run(folder, Self.emulator + ["--record", "cassettes", "weather-tool.yaml"])
        #expect(recorded.status == 0, "\(recorded.stdoutText)\(recorded.stderrText)")
        let path = folder.file("regression/weather-tool.yaml")
        let original = try String(contentsOfFile: path, encoding: .utf8)

        try original.replacingOccurrences(of: "terse weather assistant", with: "chatty weather assistant")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let stale = try Self.run(folder, ["--replay", "cassettes", "weather-tool.yaml"])
        #expect(stale.status == 2, "\(stale.stdoutText)\(stale.stderrText)")
        #expect((stale.stdoutText + stale.stderrText).contains("re-record"), "\(stale.stdoutText)\(stale.stderrText)")
        // --allow-stale replays anyway, and the replay names the first difference: the setup, frame 1.
        let allowed = try Self.run(folder, ["--replay", "cassettes", "--allow-stale", "weather-tool.yaml"])
        #expect(allowed.status == 2, "\(allowed.stdoutText)\(allowed.stderrText)")
        #expect(
            allowed.stderrText.contains(
                #"replay diverged at client frame 1 (against cassettes/weather-tool/attempt-1.ndjson connection 1): "#
                    + #"/setup/systemInstruction/parts/0/text: recorded "You are a terse weather assistant.", "#
                    + #"got "You are a chatty weather assistant.""#), "\(allowed.stderrText)")

        // Canned answers are not part of the fingerprint: the client's toolResponse differs from the recording.
        try original.replacingOccurrences(of: "temperature_c: 21", with: "temperature_c: 25")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let diverged = try Self.run(folder, ["--replay", "cassettes", "weather-tool.yaml"])
        #expect(diverged.status == 2, "\(diverged.stdoutText)\(diverged.stderrText)")
        let report = diverged.stdoutText + diverged.stderrText
        #expect(report.contains("replay diverged at client frame"), "\(report)")
        #expect(report.contains("/toolResponse/functionResponses/0/response/temperature_c: recorded 21, got 25"))
    }
}
