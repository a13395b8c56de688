/// Resumption handles: random version-4 UUID strings, as the service sends.
enum Handle {
    /// A fresh lowercase UUID string.
    static func random() -> String {
        uuid((0..<16).map { _ in UInt8.random(in: 0...255) })
    }

    /// The version-4 UUID string made of 16 bytes (its version and variant bits are set).
    static func uuid(_ source: [UInt8]) -> String {
        var bytes = source
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        let groups = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
        return groups.map { $0.joined() }.joined(separator: "-")
    }
}
