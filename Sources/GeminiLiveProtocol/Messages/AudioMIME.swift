/// The sample rate an audio MIME type such as `audio/pcm;rate=24000` carries: one reading for every tool.
public enum AudioMIME {
    /// Rates a PCM part may have; outside them a rate is a typo, not audio.
    public static let usableRates = 1_000...384_000

    /// The `rate` parameter of any MIME type, if present and numeric.
    public static func rate(of mimeType: String) -> Int? {
        for parameter in mimeType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, trimmed(pair[0]).lowercased() == "rate" else { continue }
            return Int(trimmed(pair[1]))
        }
        return nil
    }

    /// The rate of an `audio/pcm` type (any letter case): its `rate` parameter when usable, `absent` when it
    /// has none; nil for other types and for unusable rates.
    public static func pcmRate(_ mimeType: String, absent: Int) -> Int? {
        guard let type = mimeType.split(separator: ";", omittingEmptySubsequences: false).first,
            trimmed(type).lowercased() == "audio/pcm"
        else { return nil }
        let hasRate = mimeType.split(separator: ";").dropFirst().contains {
            trimmed($0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]).lowercased() == "rate"
        }
        guard hasRate else { return absent }
        guard let rate = rate(of: mimeType), usableRates.contains(rate) else { return nil }
        return rate
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
