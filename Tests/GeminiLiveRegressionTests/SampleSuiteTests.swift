import GeminiLiveRegression
import Testing

/// The suite in samples/regression/ is what the README shows and `make test` runs: every scenario in it
/// must parse, and between them they cover what the suite is there to show.
@Suite struct SampleSuiteTests {
    static let folder = String(#filePath.split(separator: "/Tests/")[0]) + "/samples/regression"
    static let files = [
        "spoken-question.yaml", "weather-tool.yaml", "barge-in.yaml", "text-only.yaml", "failing/wrong-city.yaml",
    ]

    @Test(arguments: files) func parses(_ file: String) throws {
        let scenario = try Scenario(contentsOfFile: Self.folder + "/" + file)
        #expect(!scenario.turns.isEmpty)
        #expect(scenario.turns.allSatisfy { !$0.expectations.isEmpty })
    }

    @Test func coversSpeechToolsBargeInTextAndAJudge() throws {
        let scenarios = try Self.files.map { file throws in try Scenario(contentsOfFile: Self.folder + "/" + file) }
        let inputs = scenarios.flatMap(\.turns).map(\.input)
        #expect(inputs.contains { if case .audio = $0 { true } else { false } })
        #expect(scenarios.contains { !$0.toolResponses.isEmpty })
        #expect(scenarios.flatMap(\.turns).contains { $0.start?.after == .firstAudio })
        // The judge the suite ships (says.sh) is run by a scenario, beside it.
        let judged = scenarios.flatMap(\.judges).map(\.criterion.command)
        #expect(judged == ["./says.sh hello"])
        #expect(
            scenarios.contains { scenario in
                scenario.turns.allSatisfy { if case .text = $0.input { true } else { false } }
            })
    }
}
