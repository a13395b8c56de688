/// Still-image formats the Live API accepts inline.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg
    case png

    /// The format whose magic number starts `bytes`, if any.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }

    /// The MIME type for the message's `mimeType` field.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }
}
