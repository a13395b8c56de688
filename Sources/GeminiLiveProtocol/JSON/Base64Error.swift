/// Why a base64 text could not be decoded, with the offset of the offending character.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero-based offset of the first character that cannot be part of valid base64.
    public var offset: Int

    /// Creates an error at `offset`.
    public init(offset: Int) {
        self.offset = offset
    }

    public var description: String { "not valid base64 at offset \(offset)" }
}
