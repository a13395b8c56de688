import Foundation

/// Whether 16-bit little-endian PCM holds speech-level sound, judged sample by sample: the input audio is
/// ours, so the end of speech is the last sample above the threshold, not a guess about trailing silence.
public enum PCMLoudness {
    /// The threshold of the issue: −40 dBFS.
    public static let speechThreshold = -40.0

    /// The smallest sample magnitude above `dBFS`, where 20·log10(|s| / 32768) > dBFS (328 for −40 dBFS).
    public static func minimumMagnitude(above dBFS: Double) -> Int {
        Int((32768 * pow(10, dBFS / 20)).rounded(.down)) + 1
    }

    /// Whether any sample of `pcm` (s16le) is louder than `dBFS`. A trailing odd byte is ignored.
    public static func hasSample(in pcm: [UInt8], above dBFS: Double = speechThreshold) -> Bool {
        let threshold = minimumMagnitude(above: dBFS)
        var index = 0
        while index + 1 < pcm.count {
            let sample = Int(Int16(bitPattern: UInt16(pcm[index]) | UInt16(pcm[index + 1]) << 8))
            if sample.magnitude >= threshold { return true }
            index += 2
        }
        return false
    }
}
