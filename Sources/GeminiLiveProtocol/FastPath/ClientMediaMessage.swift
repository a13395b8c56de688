/// The fast path for the client's media: a `realtimeInput` message carrying one blob, written straight into a
/// byte buffer, and recognised in a JSON value's bytes without building a tree or decoding the base64.
///
/// The recogniser accepts any layout of `{"realtimeInput":{FIELD:{"mimeType":…,"data":…}}}` (whitespace between
/// tokens, either member order, either key casing), where FIELD is `audio`, `video` or a `mediaChunks` list of one
/// blob. Anything else (another member, several chunks, `null`, an escaped key, a MIME type that is not plain
/// ASCII by `MediaLineMIMEType`) makes it decline, and the caller takes the full parser. When it matches and the
/// data is base64 (`hasDecodableData(in:)`), `message(in:)` equals `ClientMessage(json: JSONParser.parse(value))`.
public struct ClientMediaMessage: Sendable, Equatable {
    /// Which realtime input field carries the blob.
    public enum Field: Sendable, Equatable {
        /// `realtimeInput.audio`.
        case audio
        /// `realtimeInput.video`.
        case video
        /// The deprecated `realtimeInput.mediaChunks` list (2.x models only; 3.x close the session).
        case mediaChunks
    }

    /// The field carrying the blob.
    public let field: Field
    /// The MIME type's characters, which are the MIME type itself; empty when the blob gives none.
    public let mimeType: Range<Int>
    /// The base64 characters, not yet checked; empty when the blob gives no data.
    public let data: Range<Int>

    /// Recognises `value`, the bytes of one JSON value (surrounding whitespace allowed); nil when it is anything but
    /// a realtime input of one blob.
    public init?(_ value: UnsafeRawBufferPointer) {
        var scanner = FastPathScanner(value)
        var found: (field: Field, mimeType: Range<Int>, data: Range<Int>)?
        let valid = scanner.object { scanner, key in
            guard found == nil, WireFieldName.matches(key, "realtimeInput") else { return false }
            return scanner.object { scanner, key in
                guard found == nil else { return false }
                let field: Field
                if WireFieldName.matches(key, "audio") {
                    field = .audio
                } else if WireFieldName.matches(key, "video") {
                    field = .video
                } else if WireFieldName.matches(key, "mediaChunks") {
                    var chunk: (mimeType: Range<Int>, data: Range<Int>)?
                    let one = scanner.array { scanner in
                        guard chunk == nil else { return false }
                        chunk = scanner.blob()
                        return chunk != nil
                    }
                    guard one, let chunk else { return false }
                    found = (.mediaChunks, chunk.mimeType, chunk.data)
                    return true
                } else {
                    return false
                }
                guard let blob = scanner.blob() else { return false }
                found = (field, blob.mimeType, blob.data)
                return true
            }
        }
        guard valid, let found, scanner.isAtEnd() else { return nil }
        field = found.field
        mimeType = found.mimeType
        data = found.data
    }

    /// Whether the data in `value` (the bytes this was recognised in) is base64 the full parser decodes: the check
    /// for forwarding the line undecoded.
    public func hasDecodableData(in value: UnsafeRawBufferPointer) -> Bool {
        Base64.isDecodable(UnsafeRawBufferPointer(rebasing: value[data]))
    }

    /// The MIME type as text.
    public func mimeTypeText(in value: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: value[mimeType]), as: UTF8.self)
    }

    /// The message the full parser reads from `value`, given the decoded data.
    public func message(in value: UnsafeRawBufferPointer, data decoded: [UInt8]) -> ClientMessage {
        let blob = Blob(mimeType: mimeTypeText(in: value), data: decoded)
        let input =
            switch field {
            case .audio: RealtimeInput(audio: blob)
            case .video: RealtimeInput(video: blob)
            case .mediaChunks: RealtimeInput(mediaChunks: [blob])
            }
        return ClientMessage(.realtimeInput(input))
    }

    /// The message the full parser reads from `value`; nil when the data is not base64.
    public func message(in value: UnsafeRawBufferPointer) -> ClientMessage? {
        guard let decoded = try? Base64.decode(UnsafeRawBufferPointer(rebasing: value[data])) else { return nil }
        return message(in: value, data: decoded)
    }

    /// Appends one complete compact line carrying `data` in `field`, newline included.
    ///
    /// `audio` and `video` lines are byte for byte what serialising the `ClientMessage` gives, without the copies
    /// of the payload. A `mediaChunks` line is the snake_case `realtime_input.media_chunks` form older relays read
    /// (the seed tutorial's Python relay looks up `data["realtime_input"]["media_chunks"]` and compares `mime_type`
    /// verbatim), which decodes to the same message.
    public static func appendLine(
        _ field: Field, mimeType: String, data: UnsafeRawBufferPointer, to line: inout [UInt8]
    ) {
        line.reserveCapacity(line.count + Base64.encodedCount(data.count) + mimeType.utf8.count + 64)
        switch field {
        case .audio: line.append(contentsOf: #"{"realtimeInput":{"audio":{"mimeType":"#.utf8)
        case .video: line.append(contentsOf: #"{"realtimeInput":{"video":{"mimeType":"#.utf8)
        case .mediaChunks: line.append(contentsOf: #"{"realtime_input":{"media_chunks":[{"mime_type":"#.utf8)
        }
        MediaLineMIMEType.append(mimeType, to: &line)
        line.append(contentsOf: #","data":""#.utf8)
        Base64.encode(data, into: &line)
        switch field {
        case .audio, .video: line.append(contentsOf: "\"}}}\n".utf8)
        case .mediaChunks: line.append(contentsOf: "\"}]}}\n".utf8)
        }
    }

    /// Appends one complete compact line for bytes held in an array.
    public static func appendLine(_ field: Field, mimeType: String, data: [UInt8], to line: inout [UInt8]) {
        data.withUnsafeBytes { appendLine(field, mimeType: mimeType, data: $0, to: &line) }
    }
}
