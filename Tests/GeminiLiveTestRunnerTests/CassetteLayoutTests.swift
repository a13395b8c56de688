import GeminiLiveRegression
import GeminiLiveTestRunner
import Testing

@Suite struct CassetteLayoutTests {
    @Test func cassettesLiveUnderTheScenarioStemAndSharedStemsAreNumberedInSuiteOrder() throws {
        let scenarios = try ["a/weather.yaml", "b/weather.yml", "c/other.yaml"].map { path in
            try Scenario(yaml: "turns:\n  - text: hi\n", path: path)
        }
        let layout = CassetteLayout(root: "cassettes", scenarios: scenarios)
        #expect(layout.cassette(of: scenarios[0], attempt: 1) == "cassettes/weather/attempt-1.ndjson")
        #expect(layout.cassette(of: scenarios[1], attempt: 3) == "cassettes/weather-2/attempt-3.ndjson")
        #expect(layout.folder(of: scenarios[2]) == "cassettes/other")
        #expect(CassetteLayout(root: "out/", scenarios: scenarios).folder(of: scenarios[2]) == "out/other")
    }
}
