/// The Wilson score interval for a pass rate k/n (Wilson 1927): the range of true rates the observed count
/// is consistent with, at the given confidence.
///
/// Chosen over the normal approximation because it stays inside [0, 1] and stays honest at k = n, where a
/// run of 10/10 still only shows a true rate above about 0.72 at 95 %.
public struct WilsonInterval: Sendable, Equatable {
    /// The standard normal quantile for a two-sided 95 % interval (Φ⁻¹(0.975)).
    public static let z95 = 1.959_963_984_540_054

    /// The lowest true rate consistent with the count.
    public let lower: Double
    /// The highest true rate consistent with the count.
    public let upper: Double

    /// The interval for `passed` successes out of `attempts`, for the quantile `z` (95 % by default).
    ///
    /// With no attempts nothing is known: the interval is [0, 1].
    public init(passed: Int, attempts: Int, z: Double = WilsonInterval.z95) {
        precondition(attempts >= 0 && (0...max(attempts, 0)).contains(passed), "passed must be in 0...attempts")
        guard attempts > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(attempts)
        let rate = Double(passed) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (rate + z2 / (2 * n)) / denominator
        let halfWidth = z * (rate * (1 - rate) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At k = 0 and k = n the bound is exactly 0 or 1; rounding would otherwise leave 1e-17 off.
        lower = passed == 0 ? 0 : max(0, centre - halfWidth)
        upper = passed == attempts ? 1 : min(1, centre + halfWidth)
    }
}
