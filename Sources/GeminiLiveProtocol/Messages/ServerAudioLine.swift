#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recognises the one server line that makes up nearly all of a reply stream, a compact audio chunk, without
/// building a JSON tree for it:
///
///     {"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"…","data":"…"}}]}}}
///
/// Only that exact byte sequence matches (no whitespace, other members, other order or escapes; the MIME
/// type printable ASCII), so a match means the same as `ServerMessage(json: JSONParser.parse(line))`, and
/// every other line is left to the full parser. Decoding the data may still fail (invalid base64); callers
/// then take the full parser too, so its diagnostics stay the only ones.
public struct ServerAudioLine: Sendable, Equatable {
    /// Where the MIME type's characters sit in the line.
    public let mimeType: Range<Int>
    /// Where the base64 characters sit in the line.
    public let data: Range<Int>

    private static let prefix = Array(#"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":""#.utf8)
    private static let separator = Array(#"","data":""#.utf8)
    private static let suffix = Array(#""}}]}}}"#.utf8)

    /// Matches `line` (one NDJSON line without its terminator); nil when it is anything but the compact chunk.
    public init?(_ line: UnsafeRawBufferPointer) {
        guard Self.matches(Self.prefix, in: line, at: 0) else { return nil }
        var index = Self.prefix.count
        let mimeStart = index
        // Printable ASCII other than `"` and `\`: the JSON string is then its own text, with nothing to unescape
        // or to check as UTF-8.
        while index < line.count {
            let byte = line[index]
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            if byte == UInt8(ascii: "\"") { break }
            index += 1
        }
        let mimeEnd = index
        guard Self.matches(Self.separator, in: line, at: mimeEnd) else { return nil }
        let dataStart = mimeEnd + Self.separator.count
        let dataEnd = line.count - Self.suffix.count
        // The data's closing quote is the first after it starts; an escaped quote inside leaves the suffix unmatched.
        guard dataEnd >= dataStart, Self.matches(Self.suffix, in: line, at: dataEnd),
            Self.firstQuote(in: line, from: dataStart) == dataEnd
        else { return nil }
        mimeType = mimeStart..<mimeEnd
        data = dataStart..<dataEnd
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

    /// The message `line` holds when it is a compact chunk with valid base64; nil otherwise.
    public static func message(in line: UnsafeRawBufferPointer) -> ServerMessage? {
        guard let chunk = ServerAudioLine(line) else { return nil }
        var failed = false
        let data = [UInt8](unsafeUninitializedCapacity: chunk.maximumDecodedCount) { buffer, initialized in
            if let count = chunk.decodeData(of: line, into: UnsafeMutableRawPointer(buffer.baseAddress!)) {
                initialized = count
            } else {
                failed = true
                initialized = 0
            }
        }
        return failed ? nil : message(mimeType: chunk.mimeTypeText(of: line), data: data)
    }

    private static func matches(_ expected: [UInt8], in line: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, line.count - offset >= expected.count else { return false }
        return expected.withUnsafeBytes { memcmp(line.baseAddress! + offset, $0.baseAddress!, $0.count) == 0 }
    }

    private static func firstQuote(in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < line.count, let found = memchr(line.baseAddress! + start, 0x22, line.count - start) else {
            return nil
        }
        return line.baseAddress!.distance(to: UnsafeRawPointer(found))
    }
}
