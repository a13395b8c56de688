/// Reads a JSON number of seconds or milliseconds as whole microseconds from its decimal text, so that
/// `1.2345` s is 1 234 500 µs exactly and not the nearest double times a million; and writes microseconds as
/// milliseconds with three decimals, the cassette's `t`.
public enum DecimalTime {
    /// `microseconds` as milliseconds to the microsecond: 1 234 567 µs is `1234.567`, 5 µs `0.005`.
    public static func milliseconds(microseconds: Int) -> JSONNumber {
        let (whole, fraction) = microseconds.magnitude.quotientAndRemainder(dividingBy: 1000)
        let digits = String(fraction)
        let text = "\(microseconds < 0 ? "-" : "")\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
        // The text is a valid JSON number by construction.
        return JSONNumber(text: text) ?? JSONNumber(Double(microseconds) / 1000)
    }

    /// `number` × 10^`scale`, rounded half away from zero; nil if it is not a finite number or does not fit.
    public static func scaled(_ number: JSONNumber, by scale: Int) -> Int? {
        var text = Substring(number.text)
        let negative = text.first == "-"
        if negative || text.first == "+" { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]) else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fractionPart = parts.count > 1 ? parts[1] : ""
        let digits = String(integerPart + fractionPart).drop { $0 == "0" }
        guard (integerPart + fractionPart).allSatisfy({ $0 >= "0" && $0 <= "9" }), !(integerPart + fractionPart).isEmpty
        else {
            return nil
        }
        guard digits.count <= 18 else {
            // Beyond Int's exact digits: fall back to the double, which is as precise as such a number gets.
            guard let value = number.double else { return nil }
            let scaled = (value * pow10(scale)).rounded(.toNearestOrAwayFromZero)
            return scaled.magnitude < 9e18 ? Int(scaled) : nil
        }
        var mantissa = Int(digits) ?? 0
        let shift = exponent - fractionPart.count + scale
        if shift >= 0 {
            for _ in 0..<shift {
                let (product, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                mantissa = product
            }
        } else if -shift > 18 {
            mantissa = 0
        } else {
            var divisor = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
            mantissa = quotient + (remainder * 2 >= divisor ? 1 : 0)
        }
        return negative ? -mantissa : mantissa
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
