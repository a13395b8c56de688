import Foundation
import GeminiLiveRegression
import GeminiLiveSystem
import Testing

/// `Scenario.fingerprint()`: what a cassette's `scenarioHash` is compared with to call it stale.
@Suite struct ScenarioFingerprintTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try write("system.txt", "You are a terse weather assistant.\n")
        try write("tools.json", #"[{"name":"get_weather","parameters":{"type":"object"}},{"name":"alarm"}]"#)
        try write("question.wav", "RIFF not really a wave")
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
    }

    private func fingerprint(_ yaml: String) throws -> String {
        try Scenario(yaml: yaml, path: "\(folder)/weather.yaml").fingerprint()
    }

    static let base = """
        name: weather in Paris
        tags: [tools, smoke]
        setup:
          model: gemini-3.8-live
          system_file: system.txt
          tools: tools.json
          voice: Kore
          raw: {generationConfig: {temperature: 0.2, topK: 3}}
        require: 1.0
        turns:
          - audio: question.wav
            expect:
              - output_transcript: {icontains: sunny}
          - text: "never mind, thanks"
            at: {after: first_audio, delay_ms: 800}
            expect:
              - interrupted: true
        """

    @Test func isTheSHA256OfTheNormalisedScenario() throws {
        let value = try fingerprint(Self.base)
        #expect(value.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil, "\(value)")
        #expect(try fingerprint(Self.base) == value, "the same scenario gives the same fingerprint")
    }

    @Test(
        "what only judges the answers leaves it alone",
        arguments: [
            ("icontains: sunny", "icontains: rainy"),
            ("- interrupted: true", "- interrupted: false\n      - latency.interrupted_ms: {lt: 900}"),
            ("require: 1.0", "require: 0.8"),
            ("name: weather in Paris", "name: renamed"),
            ("tags: [tools, smoke]", "tags: [nightly]"),
        ])
    func expectationsDoNotCount(original: String, replacement: String) throws {
        let changed = Self.base.replacingOccurrences(of: original, with: replacement)
        #expect(changed != Self.base)
        #expect(try fingerprint(changed) == fingerprint(Self.base))
    }

    @Test(
        "what the model is sent changes it",
        arguments: [
            ("voice: Kore", "voice: Puck"),
            ("model: gemini-3.8-live", "model: gemini-3.9-live"),
            ("temperature: 0.2", "temperature: 0.3"),
            ("delay_ms: 800", "delay_ms: 700"),
            ("never mind, thanks", "never mind"),
            ("system_file: system.txt", "system: other"),
            ("  voice: Kore", "  voice: Kore\n  response: text"),
        ])
    func setupAndInputsCount(original: String, replacement: String) throws {
        let changed = Self.base.replacingOccurrences(of: original, with: replacement)
        #expect(changed != Self.base)
        #expect(try fingerprint(changed) != fingerprint(Self.base))
    }

    @Test func theSystemInstructionCountsByItsTextNotItsPath() throws {
        let before = try fingerprint(Self.base)
        try write("system.txt", "You are a chatty weather assistant.\n")
        #expect(try fingerprint(Self.base) != before, "a changed system instruction makes the cassette stale")
        let inline = Self.base.replacingOccurrences(
            of: "system_file: system.txt", with: #"system: "You are a chatty weather assistant.""#)
        #expect(try fingerprint(inline) == fingerprint(Self.base), "inline text and a file of it are one prompt")
    }

    @Test func filesCountByTheirBytes() throws {
        let before = try fingerprint(Self.base)
        try write("question.wav", "RIFF another recording")
        #expect(try fingerprint(Self.base) != before)
        try write("question.wav", "RIFF not really a wave")
        try write("tools.json", #"[{"name":"get_weather","parameters":{"type":"string"}},{"name":"alarm"}]"#)
        #expect(try fingerprint(Self.base) != before)
    }

    @Test func toolOrderAndJSONLayoutDoNotCount() throws {
        let before = try fingerprint(Self.base)
        try write(
            "tools.json",
            "[\n  {\"name\": \"alarm\"},\n  {\"parameters\": {\"type\": \"object\"}, \"name\": \"get_weather\"}\n]\n")
        #expect(try fingerprint(Self.base) == before)
    }

    @Test func yamlLayoutCommentsAndKeyOrderDoNotCount() throws {
        let reordered = """
            # the same scenario, written differently
            turns:
              - expect: [{output_transcript: {icontains: sunny}}]
                audio: "question.wav"
              - at:   {delay_ms: 800, after: first_audio}
                text: never mind, thanks
                expect: [{interrupted: true}]
            setup: {raw: {generationConfig: {topK: 3, temperature: 0.2}}, voice: Kore, tools: tools.json,
                    system_file: system.txt,   model: gemini-3.8-live}
            name: weather in Paris
            """
        #expect(try fingerprint(reordered) == fingerprint(Self.base))
    }

    @Test func aMissingFileIsReportedWhereItIsNamed() throws {
        let yaml = Self.base.replacingOccurrences(of: "question.wav", with: "gone.wav")
        #expect {
            try fingerprint(yaml)
        } throws: { error in
            "\(error)".hasPrefix("\(folder)/weather.yaml:11:12: ") && "\(error)".contains("gone.wav")
        }
    }
}
