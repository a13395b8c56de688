/// Reads a whole JPEG or PNG file (or stdin) and checks that it is one.
public enum ImageFileReader {
    /// The default size cap: 20 MiB. The Live API's inline limit is about 7 MB, so larger files fail there anyway;
    /// the cap only keeps a wrong file (a video, a disk image) from being slurped into memory.
    public static let defaultMaximumBytes = 20 << 20

    /// Reads `path` (`-` is stdin); throws unless it is a JPEG or PNG of at most `maximumBytes`.
    public static func read(
        path: String, maximumBytes: Int = defaultMaximumBytes
    ) throws(MediaError) -> (format: ImageFormat, bytes: [UInt8]) {
        let input = try InputFile(path: path)
        if let size = input.regularFileSize, size > maximumBytes {
            throw .tooLarge(source: input.name, bytes: size, limit: maximumBytes)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try input.read(into: &chunk)
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > maximumBytes {
                throw .tooLarge(source: input.name, bytes: bytes.count, limit: maximumBytes)
            }
        }
        guard let format = ImageFormat.sniff(bytes) else { throw .notAnImage(source: input.name) }
        return (format, bytes)
    }
}
