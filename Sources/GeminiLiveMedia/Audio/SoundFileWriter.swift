import CSndfile
import Synchronization

/// Writes 16-bit samples to a WAV, FLAC, Ogg Vorbis or Opus file with libsndfile.
///
/// Samples are gathered in a buffer and reach the file on `commit()` (or when the buffer fills). A WAV file is
/// playable at every moment: its header never claims more data than the file holds, and after a waiting commit
/// it claims exactly what was written. Callers commit whenever they would otherwise wait (the decoder does so
/// after each batch of input), so a live reply is on disk as it arrives.
///
/// The file is written by a `WriteBehindThread`: full buffers are handed over in order, so the caller decodes
/// the next input while the kernel copies the last block. `commit()` waits for the writes and a header rewrite;
/// `commit(waiting: false)` queues the writes and asks for one rewrite once the queue has run dry, so a fast
/// batch run pays for a rewrite per pause rather than per batch. A failed write is reported by the next call.
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
    private let thread = WriteBehindThread()
    private let returned = ThreadReturns()
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
        thread.stop()
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

    /// Writes what is buffered and brings the header up to date, so the file is complete as of now; with
    /// `waiting` false, the writes are only queued, and the header is rewritten once the queue has run dry.
    public func commit(waiting: Bool = true) throws(MediaError) {
        try writePending()
        if rewritesHeader, let handle {
            let file = FileHandle(pointer: handle)
            let rewrite: WriteBehindThread.Job = { sf_command(file.pointer, Int32(SFC_UPDATE_HEADER_NOW), nil, 0) }
            // Without waiting, one rewrite covers every commit made while the thread was busy.
            if waiting { thread.submit(rewrite) } else { thread.whenIdle(rewrite) }
        }
        if waiting { thread.drain() }
        try checkFailure()
    }

    /// Hands the buffer to the writing thread and starts a new one.
    private func writePending() throws(MediaError) {
        try checkFailure()
        guard let handle, !pending.isEmpty else { return }
        framesWritten += pending.count / format.channels
        let block = returned.spare.withLock { $0.popLast() } ?? SampleBlock()
        block.samples.reserveCapacity(Self.bufferSamples)
        swap(&block.samples, &pending)
        let file = FileHandle(pointer: handle)
        thread.submit { [returned] in
            let written = block.samples.withUnsafeBufferPointer {
                Int(sf_write_short(file.pointer, $0.baseAddress!, sf_count_t($0.count)))
            }
            if written != block.samples.count {
                let detail = "write failed: \(String(cString: sf_strerror(file.pointer)))"
                returned.failure.withLock { $0 = $0 ?? detail }
            }
            block.samples.removeAll(keepingCapacity: true)
            returned.spare.withLock { $0.append(block) }
        }
    }

    private func checkFailure() throws(MediaError) {
        if let detail = returned.failure.withLock({ $0 }) { throw .failed(source: name, detail: detail) }
    }

    /// Appends interleaved samples from an array.
    public func write(_ samples: [Int16]) throws(MediaError) {
        try samples.withUnsafeBufferPointer { (buffer) throws(MediaError) in try write(buffer) }
    }

    /// Finalises the file (headers, last Ogg page, FLAC STREAMINFO); later writes fail. Safe to call twice.
    public func close() throws(MediaError) {
        guard let handle else { return }
        let unwritten = Result { () throws(MediaError) in try writePending() }
        thread.stop()
        self.handle = nil
        let status = sf_close(handle)
        try unwritten.get()
        try checkFailure()
        guard status == 0 else {
            throw .failed(source: name, detail: "close failed: \(String(cString: sf_error_number(status)))")
        }
    }
}

/// A libsndfile handle handed to the writing thread: between `submit` and the thread's `drain` or `stop`,
/// only that thread uses it (every call on the handle goes through the thread once it exists).
private struct FileHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Samples on their way to the writing thread and back for reuse: owned by the caller until submitted, then
/// by the thread until it returns the block to `spare`.
private final class SampleBlock: @unchecked Sendable {
    var samples: [Int16] = []
}

/// What the writing thread hands back: blocks it has written, for reuse (a fresh large buffer costs page
/// faults), and the first failed write's description.
private final class ThreadReturns: Sendable {
    let spare = Mutex<[SampleBlock]>([])
    let failure = Mutex<String?>(nil)
}
