import GeminiLiveRegression
import Testing

@Suite struct ExpectationTallyTests {
    static let scenario = """
        require: 0.7
        turns:
          - text: hi
            expect:
              - responded: true
              - output_transcript: {icontains: hello}
                require: 1
        """

    @Test func countsAttemptsAgainstTheRequirementThatApplies() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "s.yaml")
        var responded = ExpectationTally(scenario.turns[0].expectations[0], of: scenario)
        var greeted = ExpectationTally(scenario.turns[0].expectations[1], of: scenario)
        #expect(responded.requirement == 0.7)
        #expect(greeted.requirement == 1)
        #expect(!responded.passes(gate: .point))
        let verdicts = [true, true, false, true, true, true, false, true, true, false]
        for (index, held) in verdicts.enumerated() {
            responded.record(held: held, attempt: index + 1)
            greeted.record(held: held, attempt: index + 1)
        }
        #expect(responded.rate == PassRate(passed: 7, attempts: 10))
        #expect(responded.failedAttempts == [3, 7, 10])
        #expect(responded.passes(gate: .point))
        #expect(responded.isFlaky(gate: .point))
        #expect(!responded.passes(gate: .confident))
        #expect(!responded.isFlaky(gate: .confident))
        #expect(!greeted.passes(gate: .point))
        #expect(!greeted.isFlaky(gate: .point))
    }

    @Test func aCleanRecordIsNotFlaky() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "s.yaml")
        var tally = ExpectationTally(scenario.turns[0].expectations[1], of: scenario)
        for attempt in 1...16 { tally.record(held: true, attempt: attempt) }
        #expect(tally.passes(gate: .point))
        #expect(!tally.isFlaky(gate: .point))
        #expect(tally.rate.description == "16/16 (95 % CI 81–100 %)")
    }
}
