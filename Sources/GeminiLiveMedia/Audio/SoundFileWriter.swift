import CSndfile

/// Writes 16-bit samples to a WAV, FLAC, Ogg Vorbis or Opus file with libsndfile.
///
/// Samples are gathered in a buffer and reach the file on `commit()` (or when the buffer fills). A WAV file is
/// playable at every moment: its header is rewritten on each commit, so it never claims more data than the file
/// holds, and after a commit it claims exactly what was written. Callers commit whenever they would otherwise wait
/// (the decoder does so each time its input runs dry), so a live reply is on disk as it arrives, while a fast
/// batch run pays for a header rewrite per 64 KiB of input instead of per 40 ms chunk (BENCHMARKS.md has the
/// cost). FLAC and Ogg readers accept a stream whose length is not final.
public final class SoundFileWriter {
    /// The path, or `stdout` for `-`.
    public let name: String
    /// Rate and channel count written.
    public let format: AudioStreamFormat
    /// The container being written.
    public let container: AudioContainer
    /// Frames written so far.
    public private(set) var framesWritten = 0

    private var handle: OpaquePointer?
    private var pending: [Int16] = []
    /// Samples gathered before a write(2): large enough that batch runs make few calls.
    private static let bufferSamples = 1 << 16
    private let rewritesHeader: Bool

    /// Creates (or truncates) `path` (`-` is stdout, for containers that need no header rewrite).
    public init(path: String, sampleRate: Int, channels: Int, container: AudioContainer) throws(MediaError) {
        name = path == "-" ? "stdout" : path
        format = AudioStreamFormat(sampleRate: sampleRate, channels: channels)
        self.container = container
        guard sampleRate > 0, (1...64).contains(channels) else {
            throw .invalidArgument(source: name, detail: "cannot write \(format)")
        }
        if container == .opus, ![8000, 12000, 16000, 24000, 48000].contains(sampleRate) {
            throw .invalidArgument(
                source: name, detail: "Opus needs 8, 12, 16, 24 or 48 kHz, not \(sampleRate) Hz")
        }
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = container.soundFileFormat
        let opened = path == "-" ? sf_open_fd(1, Int32(SFM_WRITE), &info, 0) : sf_open(path, Int32(SFM_WRITE), &info)
        guard let opened else {
            throw .failed(source: name, detail: "cannot create: \(String(cString: sf_strerror(nil)))")
        }
        handle = opened
        rewritesHeader = container == .wav && path != "-"
        pending.reserveCapacity(Self.bufferSamples)
    }

    deinit {
        if let handle {
            pending.withUnsafeBufferPointer { _ = sf_write_short(handle, $0.baseAddress, sf_count_t($0.count)) }
            sf_close(handle)
        }
    }

    /// Appends interleaved samples (a whole number of frames); they reach the file by the next `commit()`.
    public func write(_ samples: UnsafeBufferPointer<Int16>) throws(MediaError) {
        guard handle != nil else { throw .failed(source: name, detail: "write after close") }
        guard samples.count % format.channels == 0 else {
            throw .invalidArgument(
                source: name, detail: "\(samples.count) samples are not whole \(format.channels)-channel frames")
        }
        pending.append(contentsOf: samples)
        if pending.count >= Self.bufferSamples { try writePending() }
    }

    /// Writes what is buffered and brings the header up to date, so the file is complete as of now.
    public func commit() throws(MediaError) {
        try writePending()
        if rewritesHeader, let handle { sf_command(handle, Int32(SFC_UPDATE_HEADER_NOW), nil, 0) }
    }

    private func writePending() throws(MediaError) {
        guard let handle, !pending.isEmpty else { return }
        let written = pending.withUnsafeBufferPointer {
            Int(sf_write_short(handle, $0.baseAddress!, sf_count_t($0.count)))
        }
        framesWritten += written / format.channels
        defer { pending.removeAll(keepingCapacity: true) }
        guard written == pending.count else {
            throw .failed(source: name, detail: "write failed: \(String(cString: sf_strerror(handle)))")
        }
    }

    /// Appends interleaved samples from an array.
    public func write(_ samples: [Int16]) throws(MediaError) {
        try samples.withUnsafeBufferPointer { (buffer) throws(MediaError) in try write(buffer) }
    }

    /// Finalises the file (headers, last Ogg page, FLAC STREAMINFO); later writes fail. Safe to call twice.
    public func close() throws(MediaError) {
        guard let handle else { return }
        try writePending()
        self.handle = nil
        let status = sf_close(handle)
        guard status == 0 else {
            throw .failed(source: name, detail: "close failed: \(String(cString: sf_error_number(status)))")
        }
    }
}
