/// The spread of one timing figure over the attempts of a turn: how many, the median, the 90th percentile
/// and the worst, by nearest rank (so every figure is one that was measured, never an interpolation).
public struct LatencyDistribution: Sendable, Equatable {
    /// How many attempts had the figure.
    public let count: Int
    /// The 50th percentile.
    public let p50: Double
    /// The 90th percentile.
    public let p90: Double
    /// The largest value.
    public let maximum: Double

    /// The distribution of `values`; nil when there are none.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        p50 = Self.nearestRank(50, of: sorted)
        p90 = Self.nearestRank(90, of: sorted)
        maximum = sorted[sorted.count - 1]
    }

    /// The smallest value with at least `percent` % of the values at or below it.
    static func nearestRank(_ percent: Int, of sorted: [Double]) -> Double {
        // Integer arithmetic: ceil(p·n / 100) without floating-point rounding at exact multiples.
        let rank = (percent * sorted.count + 99) / 100
        return sorted[max(rank, 1) - 1]
    }
}
