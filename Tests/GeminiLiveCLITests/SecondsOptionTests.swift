import ArgumentParser
import GeminiLiveCLI
import Testing

@Suite struct SecondsOptionTests {
    @Test(arguments: [0.001, 1, 86_400])
    func acceptsPositiveValuesUpToADay(_ value: Double) throws {
        try SecondsOption.check(value, "--idle-timeout", zeroAllowed: false)
    }

    @Test func zeroOnlyWhenAllowed() throws {
        try SecondsOption.check(0, "--ping-interval", zeroAllowed: true)
        #expect(throws: ValidationError.self) { try SecondsOption.check(0, "--stall", zeroAllowed: false) }
    }

    @Test(arguments: [-1, 86_400.5, 1e300, .infinity, .nan])
    func refusesNegativeHugeAndNotANumber(_ value: Double) {
        #expect(throws: ValidationError.self) { try SecondsOption.check(value, "--stall", zeroAllowed: true) }
    }

    @Test func theMessageNamesTheFlagAndTheRange() {
        do {
            try SecondsOption.check(-1, "--connect-timeout", zeroAllowed: false)
            Issue.record("accepted -1")
        } catch {
            #expect("\(error)" == "--connect-timeout must be above 0 and at most 86400 seconds.")
        }
    }
}
