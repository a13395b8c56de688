import Foundation
import GeminiLiveMedia

/// Decides what a positional input is: a text turn, a picture, or audio.
///
/// `.txt` files are text. Pictures are recognised by their first bytes, not their name, so a
/// JPEG called `frame.bin` still goes out as video. Everything else is handed to libsndfile,
/// whose own error explains a file it cannot read. stdin (`-`) is audio: sniffing would consume it.
public enum InputClassifier {
    /// The input for `path`; `raw` marks audio inputs as headerless PCM of `layout`.
    public static func classify(_ path: String, raw: RawAudioLayout?) -> EncoderInput {
        if let raw { return .rawAudio(path: path, format: raw) }
        if path == "-" { return .audioFile(path: path) }
        if path.lowercased().hasSuffix(".txt") { return .textFile(path: path) }
        return ImageFormat.sniff(head(of: path)) != nil ? .image(path: path) : .audioFile(path: path)
    }

    /// Up to 16 bytes from the start of the file; empty when it cannot be read (the audio reader then says why).
    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)).map { [UInt8]($0) } ?? []
    }
}
