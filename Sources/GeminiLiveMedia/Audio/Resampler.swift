import CSoxr

/// Streaming sample-rate converter on libsoxr at HQ (20-bit) quality, for mono or interleaved float audio.
public final class Resampler {
    /// Input frames per second.
    public let inputRate: Int
    /// Output frames per second.
    public let outputRate: Int
    /// Samples per frame.
    public let channels: Int

    private let handle: OpaquePointer
    private var scratch: [Float] = []

    /// Creates a converter from `inputRate` to `outputRate`.
    public init(inputRate: Int, outputRate: Int, channels: Int = 1) throws(MediaError) {
        guard inputRate > 0, outputRate > 0, channels > 0 else {
            throw .invalidArgument(
                source: "resampler", detail: "cannot resample \(inputRate) Hz to \(outputRate) Hz, \(channels) channels"
            )
        }
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var failure: soxr_error_t? = nil
        let created = soxr_create(Double(inputRate), Double(outputRate), UInt32(channels), &failure, nil, &quality, nil)
        guard let created, failure == nil else {
            throw .failed(
                source: "resampler", detail: "soxr: \(failure.map { String(cString: $0) } ?? "create failed")")
        }
        handle = created
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
    }

    deinit {
        soxr_delete(handle)
    }

    /// Feeds interleaved input frames; returns the output frames now available (interleaved).
    public func process(_ input: UnsafeBufferPointer<Float>) throws(MediaError) -> [Float] {
        var output: [Float] = []
        try process(input) { output.append(contentsOf: $0) }
        return output
    }

    /// Feeds interleaved input frames from an array; returns the output frames now available.
    public func process(_ input: [Float]) throws(MediaError) -> [Float] {
        var output: [Float] = []
        try input.withUnsafeBufferPointer { (buffer) throws(MediaError) in
            try process(buffer) { output.append(contentsOf: $0) }
        }
        return output
    }

    /// Ends the input and returns the remaining output frames; `reset()` makes the converter reusable.
    public func flush() throws(MediaError) -> [Float] {
        var output: [Float] = []
        try flush { output.append(contentsOf: $0) }
        return output
    }

    /// Forgets the signal but keeps the filter, ready for an unrelated stream.
    public func reset() {
        soxr_clear(handle)
    }

    /// Feeds input and hands each block of produced output (interleaved) to `sink` without allocating.
    func process(
        _ input: UnsafeBufferPointer<Float>, _ sink: (UnsafeBufferPointer<Float>) -> Void
    ) throws(MediaError) {
        guard let base = input.baseAddress else { return }
        var frames = input.count / channels
        var offset = 0
        while frames > 0 {
            var consumed = 0
            let produced = try run(base + offset * channels, frames, &consumed, sink)
            offset += consumed
            frames -= consumed
            // soxr takes everything it can buffer; a call that consumes and produces nothing would spin forever.
            if consumed == 0 && produced == 0 { break }
        }
    }

    /// Drains the converter at the end of the input.
    func flush(_ sink: (UnsafeBufferPointer<Float>) -> Void) throws(MediaError) {
        var consumed = 0
        while try run(nil, 0, &consumed, sink) > 0 {}
    }

    private func run(
        _ input: UnsafePointer<Float>?, _ frames: Int, _ consumed: inout Int,
        _ sink: (UnsafeBufferPointer<Float>) -> Void
    ) throws(MediaError) -> Int {
        let capacity = max(4096, frames * outputRate / inputRate + 256) * channels
        if scratch.count < capacity { scratch = [Float](repeating: 0, count: capacity) }
        var done = 0
        var produced = 0
        let failure = scratch.withUnsafeMutableBufferPointer { out in
            soxr_process(handle, input, frames, &done, out.baseAddress, out.count / channels, &produced)
        }
        if let failure {
            throw .failed(source: "resampler", detail: "soxr: \(String(cString: failure))")
        }
        consumed = done
        if produced > 0 {
            scratch.withUnsafeBufferPointer { sink(UnsafeBufferPointer(rebasing: $0[..<(produced * channels)])) }
        }
        return produced
    }
}
