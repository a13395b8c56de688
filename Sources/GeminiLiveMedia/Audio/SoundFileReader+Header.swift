import CSndfile

extension SoundFileReader {
    /// Names the container when the first bytes are ISO BMFF (M4A/MP4/MOV) or ADTS AAC, which libsndfile cannot read.
    static func unreadableContainer(prefix bytes: [UInt8]) -> String? {
        if bytes.count >= 12, bytes[4...7].elementsEqual("ftyp".utf8) {
            let brand = String(decoding: bytes[8...11], as: UTF8.self)
            switch brand {
            case "M4A ", "M4B ", "M4P ": return "M4A/AAC"
            case "qt  ": return "QuickTime"
            case "3gp4", "3gp5", "3gp6", "3g2a": return "3GP"
            default: return "MP4"
            }
        }
        // ADTS sync word with layer bits 00; MP3 frames share the sync word but have a non-zero layer.
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] & 0xF6 == 0xF0 { return "AAC (ADTS)" }
        return nil
    }

    /// Frames to expect and frames the header promises, from `SF_INFO` and libsndfile's parse log.
    ///
    /// libsndfile quietly shortens `frames` to what a cut-short WAV or AIFF holds, but logs the original size:
    /// `data : 352800 (should be 99920)` (WAV) or `Frame count read from 'COMM' chunk (44100) not equal` (AIFF).
    /// A cut-short FLAC keeps STREAMINFO's count in `frames` and fails with "lost sync" when the data runs out.
    /// Streaming writers put 0 or 0xFFFFFFFF in the WAV data size, which means "unknown", not a promise.
    static func frameCounts(info: SF_INFO, log: String) -> (expected: Int?, promised: Int?) {
        let frames = Int(info.frames)
        let major = info.format & Int32(SF_FORMAT_TYPEMASK)
        let streamedSize = log.contains("data : 4294967295") || log.contains("data : 0\n")
        let plausible = frames >= 0 && frames < Int(Int32.max) && !(streamedSize && !log.contains("(should be"))
        let expected = plausible ? frames : nil
        if let declared = number(after: "data : ", in: log), log.contains("data : \(declared) (should be"),
            declared != 0, declared != 0xFFFF_FFFF,
            let blockAlign = number(after: "Block Align   : ", in: log), blockAlign > 0
        {
            return (expected, declared / blockAlign)
        }
        if let declared = number(after: "Frame count read from 'COMM' chunk (", in: log) {
            return (expected, declared)
        }
        // Ogg and MP3 lengths are measured from the data (last granule, Xing header, estimates), not promised.
        let measured = major == Int32(SF_FORMAT_OGG) || major == Int32(SF_FORMAT_MPEG)
        return (expected, measured ? nil : expected)
    }

    /// The decimal number that follows `label` in `text`.
    private static func number(after label: String, in text: String) -> Int? {
        guard let range = text.firstRange(of: label) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}
