import ArgumentParser

/// The range every option given in seconds must fall in.
///
/// Beyond a day a value is a typo, and a huge one (1e300) would overflow the integer nanoseconds that
/// timers are scheduled in: the tool would crash instead of saying what is wrong.
public enum SecondsOption {
    /// The largest value accepted: one day.
    public static let maximum = 86_400.0

    /// Throws a usage error naming `flag` unless `value` lies in 0...maximum (above 0 unless `zeroAllowed`).
    public static func check(_ value: Double, _ flag: String, zeroAllowed: Bool) throws {
        let above = zeroAllowed ? value >= 0 : value > 0
        guard above, value <= maximum else {
            let most = Int(maximum)
            let range = zeroAllowed ? "0 to \(most) seconds" : "above 0 and at most \(most) seconds"
            throw ValidationError("\(flag) must be \(range).")
        }
    }
}
