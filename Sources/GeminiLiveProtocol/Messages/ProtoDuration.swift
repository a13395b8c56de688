/// Reads protobuf JSON Duration strings such as `50s`, `0.200s` or `-1.5s`.
public enum ProtoDuration {
    /// The number of seconds, or nil if `text` is not a decimal number followed by `s`.
    public static func seconds(_ text: String) -> Double? {
        guard text.hasSuffix("s") else { return nil }
        let number = text.dropLast()
        // Double(_:) also takes "inf", "nan" and hex; a Duration is plain decimal.
        let allowed = number.utf8.allSatisfy {
            JSONParser.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
        guard allowed, !number.isEmpty else { return nil }
        return Double(number)
    }

    /// Formats seconds as a Duration string (`0.2` becomes `0.200s`, whole numbers have no fraction).
    public static func string(seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return "\(Int(seconds))s" }
        let milliseconds = Int((seconds * 1000).rounded())
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = abs(milliseconds)
        let fraction = String(magnitude % 1000)
        return "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }
}
