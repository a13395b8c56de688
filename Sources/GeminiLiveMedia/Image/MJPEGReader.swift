/// Reads JPEG frames from an MJPEG file or stdin (`-`).
public final class MJPEGReader {
    /// How far into the stream a JPEG start must appear for it to count as MJPEG.
    public static let startSearchLimit = 1 << 20

    /// The path or `stdin`.
    public var name: String { input.name }
    /// Bytes skipped so far because they were not part of a frame.
    public var skippedBytes: Int { splitter.skippedBytes }

    private let input: InputFile
    private var splitter: MJPEGSplitter
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var bytesRead = 0
    private var ended = false

    /// Opens `path` (`-` is stdin).
    public init(path: String, maximumFrameBytes: Int = MJPEGSplitter.defaultMaximumFrameBytes) throws(MediaError) {
        input = try InputFile(path: path)
        splitter = MJPEGSplitter(name: input.name, maximumFrameBytes: maximumFrameBytes)
    }

    /// The next frame, or nil at the end of the stream; throws for a non-MJPEG stream or a truncated last frame.
    public func nextFrame() throws(MediaError) -> [UInt8]? {
        while true {
            if let frame = splitter.nextFrame() { return frame }
            if ended { return nil }
            let count = try input.read(into: &chunk)
            if count == 0 {
                ended = true
                guard splitter.hasSeenStart else {
                    throw .notMJPEG(source: name, searchedBytes: min(bytesRead, Self.startSearchLimit))
                }
                try splitter.finish()
                continue
            }
            bytesRead += count
            chunk.withUnsafeBytes { splitter.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if !splitter.hasSeenStart && bytesRead >= Self.startSearchLimit {
                ended = true
                throw .notMJPEG(source: name, searchedBytes: Self.startSearchLimit)
            }
        }
    }
}
