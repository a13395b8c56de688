import GeminiLiveMedia

#if canImport(Glibc)
    import Glibc
#endif

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

    /// Whether an input arrives as it happens (a pipe, FIFO, terminal or socket) rather than from a stored file.
    ///
    /// Live input must leave as soon as each line is ready; a stored file may be written in large
    /// blocks, which saves one write(2) per 100 ms chunk.
    public static func isLive(_ path: String) -> Bool {
        var info = stat()
        let result = path == "-" ? fstat(0, &info) : stat(path, &info)
        guard result == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFCHR || type == S_IFSOCK
    }

    /// Up to 16 bytes from the start of the file; empty when it cannot be read (the audio reader then says why).
    static func head(of path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return Array(bytes.prefix(max(0, count)))
    }
}
