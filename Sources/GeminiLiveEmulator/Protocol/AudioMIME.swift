/// Reads the sample rate out of an audio MIME type such as `audio/pcm;rate=24000`.
enum AudioMIME {
    /// The `rate` parameter, if present and numeric.
    static func rate(of mimeType: String) -> Int? {
        for parameter in mimeType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "rate" else { continue }
            return Int(pair[1].trimmingSpaces)
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
