/// Turns any `AudioSource` into mono signed 16-bit little-endian PCM at `outputRate` (16 kHz by default).
///
/// Channels are averaged, the rate is converted with libsoxr HQ (skipped when rates match), and samples are rounded
/// and clipped. Memory stays bounded whatever the input length. Long files with a known length are resampled in
/// blocks on two worker threads (see `BlockParallelResampler`); live and short input goes through one resampler,
/// so a pipe from a microphone is not held back by block latency.
public final class SpeechAudioConverter {
    /// The source being converted.
    public let source: any AudioSource
    /// Output frames per second.
    public let outputRate: Int
    /// Frames delivered so far by `run`.
    public private(set) var outputFrameCount = 0

    /// Input frames per read in the serial path: about 0.1 s, so live input flows promptly.
    static let serialChunkFrames = 4096

    /// Prepares a conversion of `source` to `outputRate`.
    public init(source: any AudioSource, outputRate: Int = 16000) {
        self.source = source
        self.outputRate = outputRate
    }

    /// Converts the whole source, calling `deliver` with consecutive blocks of s16le bytes.
    ///
    /// Errors from the source or from `deliver` propagate; blocks delivered before the error stay delivered. When the
    /// source fails part-way (a truncated file), the audio read before the failure is delivered first.
    public func run(_ deliver: (UnsafeRawBufferPointer) throws -> Void) throws {
        let format = source.format
        guard outputRate > 0, format.sampleRate > 0, format.channels > 0 else {
            throw MediaError.invalidArgument(
                source: source.name, detail: "cannot convert \(format) to \(outputRate) Hz")
        }
        if format.sampleRate != outputRate,
            let plan = BlockParallelResampler.Plan(inputRate: format.sampleRate, outputRate: outputRate),
            let frames = source.expectedFrames, frames >= plan.blockLength * 3
        {
            let pipeline = BlockParallelResampler(plan: plan)
            try pipeline.run(source: source) { block in
                outputFrameCount += block.count
                try block.withUnsafeBytes(deliver)
            }
            return
        }
        try runSerially(deliver)
    }

    private func runSerially(_ deliver: (UnsafeRawBufferPointer) throws -> Void) throws {
        let format = source.format
        let chunk = Self.serialChunkFrames
        let resampler =
            format.sampleRate == outputRate
            ? nil
            : try Resampler(
                inputRate: format.sampleRate, outputRate: outputRate)
        var interleaved = [Float](repeating: 0, count: chunk * format.channels)
        var mono = [Float](repeating: 0, count: chunk)
        var pcm = [Int16](repeating: 0, count: max(chunk, chunk * outputRate / format.sampleRate + 4096))
        var pending: (any Error)? = nil

        func emit(_ samples: UnsafeBufferPointer<Float>) throws {
            var start = 0
            while start < samples.count {
                let count = min(pcm.count, samples.count - start)
                try pcm.withUnsafeMutableBufferPointer { out in
                    SampleConversion.quantise(
                        UnsafeBufferPointer(rebasing: samples[start..<(start + count)]), into: out.baseAddress!)
                    try deliver(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[..<(count * 2)]))
                }
                outputFrameCount += count
                start += count
            }
        }

        while true {
            let frames: Int
            do {
                frames = try interleaved.withUnsafeMutableBufferPointer { (buffer) throws(MediaError) in
                    try source.read(into: buffer)
                }
            } catch {
                // Deliver what was read before the failure, then report it.
                pending = error
                break
            }
            if frames == 0 { break }
            interleaved.withUnsafeBufferPointer { input in
                mono.withUnsafeMutableBufferPointer { output in
                    SampleConversion.downmix(
                        input.baseAddress!, channels: format.channels, frames: frames, into: output.baseAddress!)
                }
            }
            try mono.withUnsafeBufferPointer { buffer in
                let slice = UnsafeBufferPointer(rebasing: buffer[..<frames])
                if let resampler {
                    var failure: (any Error)? = nil
                    try resampler.process(slice) { produced in
                        guard failure == nil else { return }
                        do { try emit(produced) } catch { failure = error }
                    }
                    if let failure { throw failure }
                } else {
                    try emit(slice)
                }
            }
        }
        if let resampler {
            var failure: (any Error)? = nil
            try resampler.flush { produced in
                guard failure == nil else { return }
                do { try emit(produced) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        if let pending { throw pending }
    }
}
