import GeminiLiveSystem

/// Reads headerless PCM (s16le or f32le) from a path or stdin.
public final class RawPCMReader: AudioSource {
    public let name: String
    public let format: AudioStreamFormat
    public let expectedFrames: Int?
    /// The sample encoding.
    public let encoding: RawPCMEncoding

    private let input: InputFile
    /// Grown on demand; allocated by hand because typed throws do not pass through `withUnsafeMutableBytes`.
    private var bytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// Bytes of an incomplete frame carried over to the next read.
    private var carried = 0
    private var ended = false

    /// Opens `path` (`-` is stdin) as raw PCM with the given layout.
    public init(path: String, sampleRate: Int, channels: Int, encoding: RawPCMEncoding) throws(MediaError) {
        let name = displayName(of: path)
        guard (1...768_000).contains(sampleRate) else {
            throw .invalidArgument(source: name, detail: "sample rate \(sampleRate) is out of range (1...768000)")
        }
        guard (1...64).contains(channels) else {
            throw .invalidArgument(source: name, detail: "channel count \(channels) is out of range (1...64)")
        }
        input = try InputFile(path: path)
        self.name = name
        self.format = AudioStreamFormat(sampleRate: sampleRate, channels: channels)
        self.encoding = encoding
        let frameBytes = channels * encoding.bytesPerSample
        expectedFrames = input.regularFileSize.map { $0 / frameBytes }
    }

    deinit {
        bytes.deallocate()
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        let frameBytes = format.channels * encoding.bytesPerSample
        let wantedFrames = buffer.count / format.channels
        guard wantedFrames > 0, !ended else { return 0 }
        let wantedBytes = wantedFrames * frameBytes
        if bytes.count < wantedBytes {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: wantedBytes, alignment: 16)
            grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[..<carried]))
            bytes.deallocate()
            bytes = grown
        }
        var filled = carried
        while filled < frameBytes {
            // Read until at least one whole frame is present, so a pipe's short reads never end the stream.
            let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<wantedBytes]))
            if count == 0 {
                ended = true
                if filled > 0 { throw .partialFrame(source: name, trailingBytes: filled) }
                return 0
            }
            filled += count
        }
        let frames = filled / frameBytes
        let samples = frames * format.channels
        do {
            let raw = UnsafeRawBufferPointer(bytes)
            switch encoding {
            case .s16le:
                for index in 0..<samples {
                    let value = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: Int16.self))
                    buffer[index] = Float(value) * (1 / 32768)
                }
            case .f32le:
                for index in 0..<samples {
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                    buffer[index] = Float(bitPattern: bits)
                }
            }
        }
        carried = filled - frames * frameBytes
        if carried > 0 {
            let start = frames * frameBytes
            for index in 0..<carried { bytes[index] = bytes[start + index] }
        }
        return frames
    }
}
