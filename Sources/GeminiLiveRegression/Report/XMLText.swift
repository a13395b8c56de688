/// Escaping for the JUnit report: any string, including transcripts with control characters, becomes text
/// an XML 1.0 parser accepts and reads back as the same characters where XML can hold them at all.
enum XMLText {
    /// Character data: `&`, `<` and `>` escaped (`>` too, so `]]>` cannot appear), carriage returns kept as
    /// references, and characters XML 1.0 forbids replaced by U+FFFD.
    static func text(_ value: String) -> String {
        escape(value, attribute: false)
    }

    /// An attribute value for double quotes: as `text`, plus `"`, and tabs and line breaks as references so
    /// attribute-value normalisation does not turn them into spaces.
    static func attribute(_ value: String) -> String {
        escape(value, attribute: true)
    }

    /// Whether XML 1.0 allows the character at all (production 2, `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: true
        default: false
        }
    }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#13;"
            case "\"" where attribute: output += "&quot;"
            case "\n" where attribute: output += "&#10;"
            case "\t" where attribute: output += "&#9;"
            default: output.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return output
    }
}
