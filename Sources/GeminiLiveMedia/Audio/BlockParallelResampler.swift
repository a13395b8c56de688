import Dispatch

/// Resamples a long mono stream in overlapping blocks on worker threads, delivering int16 blocks in order.
///
/// Each block's input length is a multiple of `inputRate / gcd` so its output starts on an exact output sample. Blocks
/// go round-robin to the workers; a worker runs its blocks, each with `overlap` samples of preroll and postroll,
/// through one continuous soxr stream and keeps only each block's outputs. Because the overlap is much longer than
/// the filter's half-length, the kept samples see the same input the single-stream filter sees (the jump where one
/// block's postroll meets the next block's preroll never reaches them), and the total count matches soxr's
/// `round(N × outputRate / inputRate)`. A continuous stream matters for speed: clearing soxr and draining it per
/// block cost a sixth of its work. Memory is bounded: at most `maxInFlight` blocks exist at once.
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
            // 50 ms: HQ filters reach a few hundred input samples either side of an output.
            let minimumOverlap = max(2048, inputRate / 20)
            overlap = (minimumOverlap + inputStep - 1) / inputStep * inputStep
        }

        /// Output samples for `inputSamples`, a multiple of `inputStep`.
        func outputLength(_ inputSamples: Int) -> Int { inputSamples / inputStep * outputStep }
    }

    let plan: Plan
    let workers: Int
    let maxInFlight: Int
    /// Frames per source read: an hour of stereo WAV takes 2,500 read calls instead of 20,000.
    private let readFrames = 65536
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
        let queue = BlockResampleQueue(workers: workers)
        let plan = self.plan
        for worker in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async { Self.work(worker, queue: queue, plan: plan) }
        }
        defer { queue.closeAndJoin() }

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
        // A worker holds a block's last outputs until more input or the end of its stream pushes them out.
        queue.finishSubmitting()
        while try deliverNext(waiting: true) {}
        if let sourceError { throw sourceError }
    }

    /// A job whose output is still being collected, with its place in the worker's output stream.
    private struct OpenJob {
        var index: Int
        /// Stream output positions that belong to the block; `end` is `Int.max` for the stream's last block.
        var start: Int
        var end: Int
        var pcm: [Int16]
        var written = 0
        var isComplete: Bool { start + written == end }
    }

    /// A worker: owns one soxr stream for its lifetime and resamples every `workers`-th job until the queue closes.
    private static func work(_ worker: Int, queue: BlockResampleQueue, plan: Plan) {
        defer { queue.workerDidExit() }
        let resampler: Resampler
        do {
            resampler = try Resampler(inputRate: plan.inputRate, outputRate: plan.outputRate)
        } catch {
            while let job = queue.nextJob(worker: worker) { queue.complete(job.index, with: .failure(error)) }
            return
        }
        // Jobs fed but not yet complete: the previous one until the current one's input pushes its tail out.
        var open: [OpenJob] = []
        // Input samples fed into the stream so far, and output samples it has produced.
        var fed = 0
        var produced = 0

        // Quantise straight from soxr's output buffer into the jobs' arrays, then hand over finished jobs.
        func keep(_ samples: UnsafeBufferPointer<Float>) {
            for slot in open.indices {
                let low = max(produced, open[slot].start + open[slot].written)
                let high = min(produced + samples.count, open[slot].end)
                guard high > low else { continue }
                let count = high - low
                let at = open[slot].written
                // A recycled array is usually long enough already; only a longer block grows it.
                if open[slot].pcm.count < at + count {
                    open[slot].pcm.append(contentsOf: repeatElement(0, count: at + count - open[slot].pcm.count))
                }
                open[slot].pcm.withUnsafeMutableBufferPointer { out in
                    SampleConversion.quantise(
                        UnsafeBufferPointer(rebasing: samples[(low - produced)..<(high - produced)]),
                        into: out.baseAddress! + at)
                }
                open[slot].written += count
            }
            produced += samples.count
            while let first = open.first, first.isComplete { finish(open.removeFirst()) }
        }

        func finish(_ job: OpenJob) {
            var pcm = job.pcm
            if pcm.count > job.written { pcm.removeLast(pcm.count - job.written) }
            queue.complete(job.index, with: .success(pcm))
        }

        func fail(_ error: MediaError) {
            for job in open { queue.complete(job.index, with: .failure(error)) }
            open.removeAll()
            // Start over with a fresh stream for whatever comes next.
            resampler.reset()
            fed = 0
            produced = 0
        }

        while var job = queue.nextJob(worker: worker) {
            // Every block but the stream's last is a multiple of the input step, so `fed` maps onto an exact output.
            let start = plan.outputLength(fed) + job.discardedOutput
            open.append(
                OpenJob(
                    index: job.index, start: start, end: job.keptOutput.map { start + $0 } ?? Int.max,
                    pcm: queue.takeSparePCM()))
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
                fed += job.sampleCount
            } catch {
                fail(error)
            }
            queue.recycle(samples: job.samples)
            job.samples = []
        }
        do {
            try resampler.flush(keep)
        } catch {
            fail(error)
            return
        }
        // The stream's last block keeps everything up to the end; the postroll of any other block was fed, so
        // one still short here means the stream ended early, and its caller must not take the gap for audio.
        for job in open {
            if job.end == Int.max || job.isComplete {
                finish(job)
            } else {
                queue.complete(
                    job.index, with: .failure(.failed(source: "resampler", detail: "block \(job.index) ended early")))
            }
        }
    }
}
