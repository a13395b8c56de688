/// How far a client has got in each input stream: items consumed per modality, and audio as cumulative
/// microseconds (so chunking and sample rate do not matter).
struct ReplayProgress: Sendable, Equatable {
    /// Items consumed, indexed by `ReplayModality.rawValue`.
    var counts = [Int](repeating: 0, count: ReplayModality.allCases.count)
    /// Audio sent so far, in microseconds.
    var audioMicros = 0

    /// Items consumed of `modality`.
    subscript(modality: ReplayModality) -> Int {
        get { counts[modality.rawValue] }
        set { counts[modality.rawValue] = newValue }
    }

    /// Counts `item` as consumed.
    mutating func advance(by item: ReplayInputItem) {
        self[item.modality] += 1
        audioMicros += item.audioMicros
    }

    /// Whether this (live) progress has reached `gate` (a recorded one), audio within `audioTolerance`.
    func reaches(_ gate: ReplayProgress, audioTolerance: Int) -> Bool {
        // Any audio at all before a frame that followed audio, however short the tolerance makes the rest.
        guard audioMicros + audioTolerance >= gate.audioMicros, gate[.audio] == 0 || self[.audio] > 0 else {
            return false
        }
        for modality in ReplayModality.allCases where modality != .audio && self[modality] < gate[modality] {
            return false
        }
        return true
    }
}
