/// Recognises, byte by byte, the one line shape that carries nearly all the volume: a compact
/// `{"realtimeInput":{"audio"|"video":{"mimeType":"...","data":"<base64>"}}}` as gemini-live-encode writes it.
///
/// Such a line is valid without building a message (which would decode and re-encode the base64), so
/// an hour of audio passes at memory speed. Any other line takes the full validation path.
enum MediaLineShape {
    private static let audioPrefix = Array(#"{"realtimeInput":{"audio":{"mimeType":""#.utf8)
    private static let videoPrefix = Array(#"{"realtimeInput":{"video":{"mimeType":""#.utf8)
    private static let dataKey = Array(#"","data":""#.utf8)
    private static let suffix = Array(#""}}}"#.utf8)

    /// Whether `bytes` is exactly that shape with a plausible MIME type and base64 payload.
    static func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { line in
            let prefix = audioPrefix.count
            guard line.count > prefix + dataKey.count + suffix.count else { return false }
            guard hasPrefix(line, audioPrefix) || hasPrefix(line, videoPrefix) else { return false }
            var index = prefix
            let mimeStart = index
            while index < line.count, line[index] != UInt8(ascii: "\"") {
                let byte = line[index]
                guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return false }
                index += 1
            }
            guard index > mimeStart, index + dataKey.count <= line.count else { return false }
            for offset in 0..<dataKey.count where line[index + offset] != dataKey[offset] { return false }
            index += dataKey.count
            let end = line.count - suffix.count
            guard index <= end else { return false }
            for offset in 0..<suffix.count where line[end + offset] != suffix[offset] { return false }
            var padding = 0
            while index < end {
                let byte = line[index]
                if byte == UInt8(ascii: "=") {
                    padding += 1
                } else {
                    guard padding == 0, isBase64(byte) else { return false }
                }
                index += 1
            }
            return padding <= 2
        }
    }

    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        for offset in 0..<prefix.count where line[offset] != prefix[offset] { return false }
        return true
    }

    private static func isBase64(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"),
            UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
