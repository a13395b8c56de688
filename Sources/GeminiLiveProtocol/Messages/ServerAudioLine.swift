/// A server message holding one audio chunk and nothing else, as the decoder's batch workers take it without
/// building a JSON tree: `ServerMediaMessage` narrowed to a model turn of one inline data part with no role, text,
/// flag or transcription, in any layout the fast path recognises.
///
/// A match means the same as `ServerMessage(json: JSONParser.parse(line))` once the data decodes; decoding may
/// still fail (invalid base64), and callers then take the full parser, so its diagnostics stay the only ones.
/// The decoder moves to `ServerMediaMessage` itself, which also takes transcriptions and several parts; this
/// type goes then.
public struct ServerAudioLine: Sendable, Equatable {
    /// Where the MIME type's characters sit in the line.
    public let mimeType: Range<Int>
    /// Where the base64 characters sit in the line.
    public let data: Range<Int>

    /// Matches `line` (one NDJSON line without its terminator); nil when it is anything but one audio chunk.
    public init?(_ line: UnsafeRawBufferPointer) {
        guard let message = ServerMediaMessage(line), message.parts.count == 1, message.holdsOnlyInlineData,
            let chunk = message.parts[0].inlineData
        else { return nil }
        mimeType = chunk.mimeType
        data = chunk.data
    }

    /// The most bytes the data can decode to: the room `decodeData(of:into:)` needs.
    public var maximumDecodedCount: Int { Base64.maximumDecodedCount(data.count) }

    /// Decodes the audio bytes of `line` (the line this matched) into `output`; returns their count, or nil when
    /// the data is not valid base64.
    public func decodeData(of line: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) -> Int? {
        try? Base64.decode(UnsafeRawBufferPointer(rebasing: line[data]), into: output)
    }

    /// The MIME type as text.
    public func mimeTypeText(of line: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[mimeType]), as: UTF8.self)
    }

    /// The server message holding the chunk `mimeType` and `data`, as the full decoder builds it for this line.
    public static func message(mimeType: String, data: [UInt8]) -> ServerMessage {
        ServerMessage(
            .serverContent(
                ServerContent(modelTurn: Content(parts: [Part(inlineData: Blob(mimeType: mimeType, data: data))])))
        )
    }

    /// The message `line` holds when it is one audio chunk with valid base64; nil otherwise.
    public static func message(in line: UnsafeRawBufferPointer) -> ServerMessage? {
        guard ServerAudioLine(line) != nil else { return nil }
        return ServerMediaMessage(line)?.message(in: line)
    }
}
