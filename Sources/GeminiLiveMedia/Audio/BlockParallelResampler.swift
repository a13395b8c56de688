import Dispatch

/// Resamples a long mono stream in overlapping blocks on worker threads, delivering int16 blocks in order.
///
/// Each block's input length is a multiple of `inputRate / gcd` so its output starts on an exact output sample. A
/// worker resamples `overlap` samples of preroll, the block, and `overlap` samples of postroll with a fresh (cleared)
/// soxr, then keeps only the block's outputs. Because the overlap is much longer than the filter's half-length, the
/// kept samples see the same input the single-stream filter sees, and the total count matches soxr's
/// `round(N × outputRate / inputRate)`. Memory is bounded: at most `maxInFlight` blocks exist at once.
final class BlockParallelResampler {
    /// Block geometry for one rate pair.
    struct Plan: Sendable {
        var inputRate: Int
        var outputRate: Int
        /// Input samples per exact output step (441 for 44.1 kHz → 16 kHz).
        var inputStep: Int
        /// Output samples per input step (160 for 44.1 kHz → 16 kHz).
        var outputStep: Int
        /// Input samples per block, a multiple of `inputStep` (about 6 s at 44.1 kHz).
        var blockLength: Int
        /// Preroll and postroll in input samples, a multiple of `inputStep`, far longer than HQ filters reach.
        var overlap: Int

        /// Nil when the rates share too small a common divisor for exact block boundaries (e.g. 44101 Hz).
        init?(inputRate: Int, outputRate: Int) {
            var (a, b) = (inputRate, outputRate)
            while b != 0 { (a, b) = (b, a % b) }
            inputStep = inputRate / a
            outputStep = outputRate / a
            guard inputStep <= 8192 else { return nil }
            self.inputRate = inputRate
            self.outputRate = outputRate
            blockLength = max(1, (1 << 18) / inputStep) * inputStep
            let minimumOverlap = max(4096, inputRate / 10)
            overlap = (minimumOverlap + inputStep - 1) / inputStep * inputStep
        }

        /// Output samples for `inputSamples`, a multiple of `inputStep`.
        func outputLength(_ inputSamples: Int) -> Int { inputSamples / inputStep * outputStep }
    }

    let plan: Plan
    let workers: Int
    let maxInFlight: Int
    /// Frames per source read.
    private let readFrames = 8192
    /// Frames per soxr call in the workers.
    static let feedFrames = 16384

    init(plan: Plan, workers: Int = 2) {
        self.plan = plan
        self.workers = workers
        maxInFlight = workers + 2
    }

    /// Reads `source` to the end and calls `deliver` with each block of quantised output, in order.
    ///
    /// A source error ends the input: the blocks read before it are still delivered, then it is thrown.
    func run(source: any AudioSource, deliver: ([Int16]) throws -> Void) throws {
        let queue = BlockResampleQueue()
        let plan = self.plan
        for _ in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async { Self.work(queue: queue, plan: plan) }
        }
        defer { queue.closeAndJoin(workers: workers) }

        let channels = source.format.channels
        let monoSource = source as? any MonoAudioSource
        let (block, overlap) = (plan.blockLength, plan.overlap)
        let capacity = block + 2 * overlap
        var interleaved = [Float](repeating: 0, count: readFrames * channels)
        // The next job's samples, downmixed in place: preroll (none for the first block), block, postroll.
        var current = queue.takeSpareSamples(count: capacity)
        var filled = 0
        var preroll = 0
        var ended = false
        var sourceError: (any Error)? = nil
        var submitted = 0
        var delivered = 0

        func deliverNext(waiting: Bool) throws -> Bool {
            guard delivered < submitted else { return false }
            let ready = waiting ? queue.waitResult(delivered) : queue.takeResult(delivered)
            guard let ready else { return false }
            let pcm = try ready.get()
            try deliver(pcm)
            queue.recycle(pcm: pcm)
            delivered += 1
            return true
        }

        while true {
            let target = preroll + block + overlap
            while !ended && filled < target {
                let wanted = min(readFrames, target - filled)
                do {
                    let frames: Int
                    if let monoSource {
                        // Straight into the job's buffer, mixed on the way: no interleaved float copy.
                        frames = try current.withUnsafeMutableBufferPointer { (output) throws(MediaError) in
                            try monoSource.readMono(
                                into: UnsafeMutableBufferPointer(rebasing: output[filled..<(filled + wanted)]))
                        }
                    } else {
                        frames = try interleaved.withUnsafeMutableBufferPointer { (buffer) throws(MediaError) in
                            try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[..<(wanted * channels)]))
                        }
                        interleaved.withUnsafeBufferPointer { input in
                            current.withUnsafeMutableBufferPointer { output in
                                SampleConversion.downmix(
                                    input.baseAddress!, channels: channels, frames: frames,
                                    into: output.baseAddress! + filled)
                            }
                        }
                    }
                    if frames == 0 { ended = true }
                    filled += frames
                } catch {
                    sourceError = error
                    ended = true
                }
            }
            let blockLength = min(block, filled - preroll)
            if blockLength == 0 { break }
            // The stream ends inside this block or right at its end: nothing follows.
            let isLast = ended && filled - preroll == blockLength
            var next: [Float] = []
            if !isLast {
                // The next job starts with this block's last `overlap` samples and the postroll already read.
                next = queue.takeSpareSamples(count: capacity)
                let carried = filled - (preroll + block - overlap)
                current.withUnsafeBufferPointer { from in
                    next.withUnsafeMutableBufferPointer { to in
                        to.baseAddress!.update(from: from.baseAddress! + preroll + block - overlap, count: carried)
                    }
                }
                filled = carried
            }
            let job = BlockResampleQueue.Job(
                index: submitted, samples: current, sampleCount: isLast ? filled : preroll + block + overlap,
                discardedOutput: plan.outputLength(preroll),
                keptOutput: blockLength == block ? plan.outputLength(block) : nil)
            current = next
            preroll = overlap
            while submitted - delivered >= maxInFlight { _ = try deliverNext(waiting: true) }
            queue.submit(job)
            submitted += 1
            while try deliverNext(waiting: false) {}
            if isLast { break }
        }
        while try deliverNext(waiting: true) {}
        if let sourceError { throw sourceError }
    }

    /// A worker: owns one soxr instance for its lifetime and resamples jobs until the queue closes.
    private static func work(queue: BlockResampleQueue, plan: Plan) {
        defer { queue.workerDidExit() }
        let resampler: Resampler
        do {
            resampler = try Resampler(inputRate: plan.inputRate, outputRate: plan.outputRate)
        } catch {
            while let job = queue.nextJob() { queue.complete(job.index, with: .failure(error)) }
            return
        }
        while var job = queue.nextJob() {
            resampler.reset()
            // Output sample positions of this job that belong to the block (pre- and postroll are dropped).
            let keepFrom = job.discardedOutput
            let keepEnd = job.keptOutput.map { keepFrom + $0 } ?? Int.max
            var pcm = queue.takeSparePCM()
            var produced = 0
            // Quantise straight from soxr's output buffer: no intermediate float array to fill and copy.
            func keep(_ samples: UnsafeBufferPointer<Float>) {
                let low = max(produced, keepFrom)
                let high = min(produced + samples.count, keepEnd)
                if high > low {
                    let old = pcm.count
                    pcm.append(contentsOf: repeatElement(0, count: high - low))
                    pcm.withUnsafeMutableBufferPointer { out in
                        SampleConversion.quantise(
                            UnsafeBufferPointer(rebasing: samples[(low - produced)..<(high - produced)]),
                            into: out.baseAddress! + old)
                    }
                }
                produced += samples.count
            }
            do {
                try job.samples.withUnsafeBufferPointer { (input) throws(MediaError) in
                    // Small pieces keep soxr's input FIFO and our output in cache; one huge call made soxr
                    // copy the whole block through its FIFO.
                    var offset = 0
                    while offset < job.sampleCount {
                        let end = min(job.sampleCount, offset + Self.feedFrames)
                        try resampler.process(UnsafeBufferPointer(rebasing: input[offset..<end]), keep)
                        offset = end
                    }
                }
                try resampler.flush(keep)
                queue.recycle(samples: job.samples)
                job.samples = []
            } catch {
                queue.complete(job.index, with: .failure(error))
                continue
            }
            queue.complete(job.index, with: .success(pcm))
        }
    }
}
