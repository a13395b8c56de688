/// The one rule for a MIME type inside a media line, shared by the fast path's writers and recognisers.
///
/// A MIME type is printable ASCII in practice (`audio/pcm;rate=24000`, `image/jpeg`). When every byte is ASCII
/// that JSON lets stand for itself (not a control byte, `"` or `\`), the JSON string is its own text: a
/// recogniser can hand back its range with nothing to unescape or to check as UTF-8, and a writer can copy it.
/// Anything else is escaped by the writers and left to the full parser by the recognisers.
enum MediaLineMIMEType {
    /// Whether `byte` stands for itself in the MIME type's JSON string.
    @inline(__always)
    static func isVerbatim(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Appends `mimeType` as a JSON string, quotes included: copied when every byte is verbatim, escaped as
    /// `JSONWriter` escapes any string otherwise.
    static func append(_ mimeType: String, to output: inout [UInt8]) {
        if mimeType.utf8.allSatisfy(isVerbatim) {
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: mimeType.utf8)
            output.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.appendString(mimeType, to: &output)
        }
    }

    /// The index of the closing quote of the MIME string whose text starts at `start`; nil when a byte before it
    /// is not verbatim or the string does not end.
    static func end(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        // Whole words of verbatim bytes first: the word test flags exactly the bytes that are not.
        var index = JSONParser.skipPlainWords(bytes, from: start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index }
            guard isVerbatim(byte) else { return nil }
            index += 1
        }
        return nil
    }
}
