import GeminiLiveProtocol

/// The deprecated `realtime_input.media_chunks` line, in the exact shape older relays read.
///
/// The seed tutorial's Python relay looks up `data["realtime_input"]["media_chunks"]` and
/// compares `mime_type` to `audio/pcm` or `image/jpeg` verbatim, so this form is snake_case
/// and its audio MIME type carries no rate. Only 2.x models accept it; 3.x close with 1007.
enum LegacyMediaChunkLine {
    static func append(mimeType: String, data: UnsafeRawBufferPointer, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"realtime_input":{"media_chunks":[{"mime_type":""#.utf8)
        line.append(contentsOf: mimeType.utf8)
        line.append(contentsOf: #"","data":""#.utf8)
        Base64.encode(data, into: &line)
        line.append(contentsOf: "\"}]}}\n".utf8)
    }
}
