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
    func convert(_ bytes: UnsafeRawBufferPointer, rate: Int, deliver: (UnsafeBufferPointer<Int16>) throws -> Void)
        throws
    {
        let count = bytes.count / 2
        if rate == outputRate {
            try bytes.withMemoryRebound(to: Int16.self) { try deliver($0) }
            return
        }
        let resampler: Resampler
        if let existing = resamplers[rate] {
            resampler = existing
        } else {
            resampler = try Resampler(inputRate: rate, outputRate: outputRate)
            resamplers[rate] = resampler
        }
        floats.removeAll(keepingCapacity: true)
        floats.reserveCapacity(count)
        for index in 0..<count {
            floats.append(
                Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 2, as: Int16.self))) / 32_768)
        }
        let converted = try floats.withUnsafeBufferPointer { try resampler.process($0) }
        try deliverQuantised(converted, deliver)
    }

    /// Drains every resampler's delay line.
    func flush(deliver: (UnsafeBufferPointer<Int16>) throws -> Void) throws {
        for rate in resamplers.keys.sorted() {
            try deliverQuantised(try resamplers[rate]!.flush(), deliver)
            resamplers[rate]!.reset()
        }
    }

    private func deliverQuantised(_ values: [Float], _ deliver: (UnsafeBufferPointer<Int16>) throws -> Void) throws {
        guard !values.isEmpty else { return }
        samples.removeAll(keepingCapacity: true)
        samples.append(contentsOf: repeatElement(0, count: values.count))
        values.withUnsafeBufferPointer { floats in
            samples.withUnsafeMutableBufferPointer { SampleConversion.quantise(floats, into: $0.baseAddress!) }
        }
        try samples.withUnsafeBufferPointer { try deliver($0) }
    }
}
