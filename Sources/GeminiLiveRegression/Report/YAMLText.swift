/// Scalars for the YAML diagnostics of the TAP report, written so any YAML 1.2 parser reads them back exactly.
enum YAMLText {
    /// A double-quoted scalar: `\` and `"` escaped, tabs and line breaks as `\t` `\n` `\r`, and every other
    /// character that is not plainly printable (C0 and C1 controls, DEL, U+FFFE and U+FFFF, the byte-order mark,
    /// the Unicode line and paragraph separators) as `\uXXXX`.
    static func quoted(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
        }
        return output + "\""
    }

    /// YAML 1.2's `c-printable`, less the byte-order mark, which a parser may take for a stream marker, and
    /// less next-line, line separator and paragraph separator, which YAML 1.1 parsers (libyaml) take for line
    /// breaks and fold into spaces.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2028, 0x2029: false
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x1_0000...0x10_FFFF: true
        default: false
        }
    }
}
