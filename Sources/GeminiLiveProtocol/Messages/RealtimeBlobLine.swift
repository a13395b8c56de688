/// Writes a realtime media message line straight into a byte buffer, for the encoder's hot loop.
///
/// The output is byte-identical to building the `ClientMessage` and serialising it, without the
/// intermediate copies of the payload.
public enum RealtimeBlobLine {
    /// Which realtime field carries the blob.
    public enum Kind: Sendable {
        /// `realtimeInput.audio`.
        case audio
        /// `realtimeInput.video`.
        case video
        /// The deprecated `realtimeInput.mediaChunks` list, with one chunk.
        case mediaChunks
    }

    /// Appends one complete compact message line, newline included.
    public static func append(kind: Kind, mimeType: String, data: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + Base64.encodedCount(data.count) + mimeType.utf8.count + 64)
        switch kind {
        case .audio: output.append(contentsOf: #"{"realtimeInput":{"audio":{"mimeType":"#.utf8)
        case .video: output.append(contentsOf: #"{"realtimeInput":{"video":{"mimeType":"#.utf8)
        case .mediaChunks: output.append(contentsOf: #"{"realtimeInput":{"mediaChunks":[{"mimeType":"#.utf8)
        }
        JSONWriter.appendString(mimeType, to: &output)
        output.append(contentsOf: #","data":""#.utf8)
        Base64.encode(data, into: &output)
        switch kind {
        case .audio, .video: output.append(contentsOf: "\"}}}\n".utf8)
        case .mediaChunks: output.append(contentsOf: "\"}]}}\n".utf8)
        }
    }

    /// Appends one complete compact message line for bytes held in an array.
    public static func append(kind: Kind, mimeType: String, data: [UInt8], to output: inout [UInt8]) {
        data.withUnsafeBytes { append(kind: kind, mimeType: mimeType, data: $0, to: &output) }
    }
}
