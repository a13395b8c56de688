import GeminiLiveRegression
import Testing

@Suite struct StatisticsTests {
    /// (k, n, lower, upper) from statsmodels 0.15 `proportion_confint(k, n, alpha=0.05, method="wilson")`.
    static let reference: [(Int, Int, Double, Double)] = StatisticsReference.wilson95

    @Test func wilsonMatchesStatsmodels() {
        for (passed, attempts, lower, upper) in Self.reference {
            let interval = WilsonInterval(passed: passed, attempts: attempts)
            #expect(abs(interval.lower - lower) < 1e-12, "\(passed)/\(attempts) lower \(interval.lower) vs \(lower)")
            #expect(abs(interval.upper - upper) < 1e-12, "\(passed)/\(attempts) upper \(interval.upper) vs \(upper)")
        }
    }

    @Test func theIssueFigures() {
        // "7/10 is 40–89 %", "10/10 is 72–100 %".
        #expect(PassRate(passed: 7, attempts: 10).description == "7/10 (95 % CI 40–89 %)")
        #expect(PassRate(passed: 10, attempts: 10).description == "10/10 (95 % CI 72–100 %)")
        #expect(PassRate(passed: 9, attempts: 10).description == "9/10 (95 % CI 60–98 %)")
        #expect(PassRate(passed: 18, attempts: 20).description == "18/20 (95 % CI 70–97 %)")
        #expect(PassRate(passed: 45, attempts: 50).description == "45/50 (95 % CI 79–96 %)")
        #expect(WilsonInterval(passed: 10, attempts: 10).upper == 1)
        #expect(WilsonInterval(passed: 0, attempts: 10).lower == 0)
        #expect(WilsonInterval(passed: 0, attempts: 0) == WilsonInterval(passed: 0, attempts: 0))
        #expect(WilsonInterval(passed: 0, attempts: 0).lower == 0)
        #expect(WilsonInterval(passed: 0, attempts: 0).upper == 1)
    }

    @Test func zeroFailureRunsNeededToProveARate() {
        // The README table to come: with no failures, 16, 35 and 73 runs show >= 80 %, 90 % and 95 %.
        for (required, runs) in [(0.8, 16), (0.9, 35), (0.95, 73)] {
            #expect(PassRate(passed: runs, attempts: runs).meets(required, gate: .confident))
            #expect(!PassRate(passed: runs - 1, attempts: runs - 1).meets(required, gate: .confident))
        }
    }

    @Test func pointGateComparesTheObservedRate() {
        #expect(PassRate(passed: 9, attempts: 10).meets(0.9, gate: .point))
        #expect(!PassRate(passed: 8, attempts: 10).meets(0.9, gate: .point))
        #expect(PassRate(passed: 7, attempts: 10).meets(0.7, gate: .point))
        #expect(PassRate(passed: 1, attempts: 3).meets(1.0 / 3.0, gate: .point))
        #expect(PassRate(passed: 10, attempts: 10).meets(1, gate: .point))
        #expect(!PassRate(passed: 19, attempts: 20).meets(1, gate: .point))
        #expect(PassRate(passed: 0, attempts: 5).meets(0, gate: .point))
        #expect(!PassRate(passed: 0, attempts: 0).meets(0, gate: .point))
        #expect(PassRate(passed: 0, attempts: 0).fraction == nil)
        #expect(PassRate(passed: 3, attempts: 4).fraction == 0.75)
    }

    @Test func confidentGateComparesTheLowerBound() {
        // 10/10 passes the point gate at 0.9 but proves only 0.72.
        #expect(PassRate(passed: 10, attempts: 10).meets(0.9, gate: .point))
        #expect(!PassRate(passed: 10, attempts: 10).meets(0.9, gate: .confident))
        #expect(PassRate(passed: 10, attempts: 10).meets(0.7, gate: .confident))
        #expect(!PassRate(passed: 0, attempts: 0).meets(0, gate: .confident))
        #expect(PassRate(passed: 1, attempts: 1).meets(0, gate: .confident))
    }

    @Test func nearestRankPercentiles() throws {
        let ten = try #require(LatencyDistribution([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]))
        #expect(ten.count == 10)
        #expect(ten.p50 == 5)
        #expect(ten.p90 == 9)
        #expect(ten.maximum == 10)
        let one = try #require(LatencyDistribution([812.5]))
        #expect(one.p50 == 812.5 && one.p90 == 812.5 && one.maximum == 812.5)
        let three = try #require(LatencyDistribution([300, 100, 200]))
        #expect(three.p50 == 200)
        #expect(three.p90 == 300)
        let twenty = try #require(LatencyDistribution((1...20).map(Double.init)))
        #expect(twenty.p50 == 10)
        #expect(twenty.p90 == 18)
        #expect(LatencyDistribution([]) == nil)
    }
}
