/// Sample encodings `RawPCMReader` understands.
public enum RawPCMEncoding: String, Sendable, CaseIterable {
    /// Signed 16-bit little-endian integers.
    case s16le
    /// 32-bit little-endian IEEE floats.
    case f32le

    /// Bytes per sample.
    public var bytesPerSample: Int {
        switch self {
        case .s16le: 2
        case .f32le: 4
        }
    }
}
