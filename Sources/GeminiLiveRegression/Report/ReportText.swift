import Foundation
import GeminiLiveProtocol

/// The wording the reports share, so the summary, JUnit and TAP say the same thing the same way.
enum ReportText {
    /// A value as a reader should see it: strings quoted as JSON (so spaces and line breaks show), other
    /// values as compact JSON, `(absent)` for none.
    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(absent)" }
        if let number = value.doubleValue { return JSONValue.number(Self.number(number)).description }
        return value.description
    }

    /// A figure as JSON, `2600` rather than `2600.0` when it is whole.
    static func number(_ value: Double) -> JSONNumber {
        value == value.rounded() && abs(value) < 1e15 ? JSONNumber(Int(value)) : JSONNumber(value)
    }

    /// `text` cut to `limit` characters, saying how much was left out, so a long transcript cannot bury the
    /// report.
    static func truncated(_ text: String, limit: Int = 160) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count - limit) more characters)"
    }

    /// `text` safe to print on a terminal: control characters other than line feed and tab shown as `\u{1B}`,
    /// so a reason or detail taken from the network cannot move the cursor or clear the screen.
    static func printable(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return output
    }

    /// A requirement or rate as a percentage without needless decimals: 1 → `100`, 0.95 → `95`, 0.999 → `99.9`.
    static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `7/10 passed (95 % CI 40–89 %), required 100 %`, and `at 95 % confidence` under the confident gate.
    static func gateMessage(_ tally: ExpectationTally, gate: PassRateGate) -> String {
        let rate = tally.rate
        let interval = rate.interval
        let required = "required \(percent(tally.requirement)) %" + (gate == .confident ? " at 95 % confidence" : "")
        return "\(rate.passed)/\(rate.attempts) passed (95 % CI \(PassRate.percent(interval.lower))–"
            + "\(PassRate.percent(interval.upper)) %), \(required)"
    }

    /// A fraction to four decimals, for machine-read properties.
    static func fraction(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    /// Seconds to the millisecond.
    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// `1, 2, 3`, at most `limit` numbers, then `…`.
    static func list(_ numbers: [Int], limit: Int = 10) -> String {
        numbers.prefix(limit).map(String.init).joined(separator: ", ") + (numbers.count > limit ? ", …" : "")
    }
}
