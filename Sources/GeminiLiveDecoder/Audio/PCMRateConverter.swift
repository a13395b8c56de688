import GeminiLiveSystem
import GeminiLiveMedia

/// Brings s16le mono audio of any rate to one output rate (libsoxr HQ), passing it through when rates match.
///
/// Replies normally come at 24 kHz, but a stream may mix rates (or the user asks for `--resample`);
/// each input rate gets its own resampler so its filter state stays continuous.
final class PCMRateConverter {
    let outputRate: Int
    private var resamplers: [Int: Resampler] = [:]
    private var floats: [Float] = []
    private var samples: [Int16] = []

    init(outputRate: Int) {
        self.outputRate = outputRate
    }

    /// Converts one block (2-byte aligned); `deliver` gets s16 samples at `outputRate` (possibly none yet: filter delay).
    func convert(
        _ bytes: UnsafeRawBufferPointer, rate: Int, deliver: (UnsafeBufferPointer<Int16>) throws(ToolError) -> Void
    )
        throws(ToolError)
    {
        let count = bytes.count / 2
        if rate == outputRate {
            // The standard library's buffer methods rethrow untyped; a Result keeps the error a ToolError.
            try bytes.withMemoryRebound(to: Int16.self) { samples in
                Result { () throws(ToolError) in try deliver(samples) }
            }.get()
            return
        }
        let resampler: Resampler
        if let existing = resamplers[rate] {
            resampler = existing
        } else {
            do {
                resampler = try Resampler(inputRate: rate, outputRate: outputRate)
            } catch {
                throw ToolError(error)
            }
            resamplers[rate] = resampler
        }
        floats.removeAll(keepingCapacity: true)
        floats.reserveCapacity(count)
        for index in 0..<count {
            floats.append(
                Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: Int16.self))) / 32_768)
        }
        let converted = try floats.withUnsafeBufferPointer { input in
            Result { () throws(MediaError) in try resampler.process(input) }
        }.mapError(ToolError.init).get()
        try deliverQuantised(converted, deliver)
    }

    /// Drains every resampler's delay line.
    func flush(deliver: (UnsafeBufferPointer<Int16>) throws(ToolError) -> Void) throws(ToolError) {
        for rate in resamplers.keys.sorted() {
            let drained: [Float]
            do {
                drained = try resamplers[rate]!.flush()
            } catch {
                throw ToolError(error)
            }
            try deliverQuantised(drained, deliver)
            resamplers[rate]!.reset()
        }
    }

    private func deliverQuantised(_ values: [Float], _ deliver: (UnsafeBufferPointer<Int16>) throws(ToolError) -> Void)
        throws(ToolError)
    {
        guard !values.isEmpty else { return }
        samples.removeAll(keepingCapacity: true)
        samples.append(contentsOf: repeatElement(0, count: values.count))
        values.withUnsafeBufferPointer { floats in
            samples.withUnsafeMutableBufferPointer { SampleConversion.quantise(floats, into: $0.baseAddress!) }
        }
        try samples.withUnsafeBufferPointer { quantised in
            Result { () throws(ToolError) in try deliver(quantised) }
        }.get()
    }
}
