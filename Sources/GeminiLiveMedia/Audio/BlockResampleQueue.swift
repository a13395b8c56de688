import Dispatch
import Synchronization

/// The hand-off between the reading thread and the resampling workers: a job queue and a results table.
///
/// Bounding is the producer's job (it never has more than a few jobs in flight); this type only moves them.
/// All state sits behind `Mutex`es and wake-ups go through semaphores, so it is `Sendable` without `@unchecked`.
final class BlockResampleQueue: Sendable {
    /// One block of mono input with its overlap, and which part of the output to keep.
    struct Job: Sendable {
        /// Position in the stream; results are delivered in this order.
        var index: Int
        /// Preroll, block and postroll samples, then unused capacity.
        var samples: [Float]
        /// How many of `samples` are stream samples.
        var sampleCount: Int
        /// Output samples at the front that belong to the preroll.
        var discardedOutput: Int
        /// Output samples to keep after the preroll; nil keeps everything (the stream's last block).
        var keptOutput: Int?
    }

    private struct JobState {
        var pending: [Job] = []
        var closed = false
    }

    private let jobs = Mutex(JobState())
    private let jobAvailable = DispatchSemaphore(value: 0)
    private let results = Mutex([Int: Result<[Int16], MediaError>]())
    private let resultAvailable = DispatchSemaphore(value: 0)
    private let workerExited = DispatchSemaphore(value: 0)
    /// Spent arrays handed back for reuse: fresh megabyte-sized arrays cost page faults and zeroing every block.
    private let spareSamples = Mutex([[Float]]())
    private let sparePCM = Mutex([[Int16]]())

    /// A sample array of `count` elements (contents unspecified), reusing an earlier job's when one is spare.
    func takeSpareSamples(count: Int) -> [Float] {
        if let array = spareSamples.withLock({ $0.popLast() }), array.count == count { return array }
        return [Float](repeating: 0, count: count)
    }

    /// Gives a job's samples back once the worker is done with them.
    func recycle(samples: consuming [Float]) {
        let array = samples
        spareSamples.withLock { if $0.count < 8 { $0.append(array) } }
    }

    /// An empty PCM array with capacity from an earlier result, if one is spare.
    func takeSparePCM() -> [Int16] {
        var array = sparePCM.withLock { $0.popLast() } ?? []
        array.removeAll(keepingCapacity: true)
        return array
    }

    /// Gives a delivered result's array back.
    func recycle(pcm: consuming [Int16]) {
        let array = pcm
        sparePCM.withLock { if $0.count < 8 { $0.append(array) } }
    }

    /// Queues a job for the workers.
    func submit(_ job: Job) {
        jobs.withLock { $0.pending.append(job) }
        jobAvailable.signal()
    }

    /// Blocks until a job is available; nil once the queue is closed and empty.
    func nextJob() -> Job? {
        while true {
            jobAvailable.wait()
            let (job, closed) = jobs.withLock { state -> (Job?, Bool) in
                (state.pending.isEmpty ? nil : state.pending.removeFirst(), state.closed)
            }
            if let job { return job }
            if closed { return nil }
        }
    }

    /// Records a worker's result for `index`.
    func complete(_ index: Int, with result: Result<[Int16], MediaError>) {
        results.withLock { $0[index] = result }
        resultAvailable.signal()
    }

    /// The result for `index` if it is ready, without waiting.
    func takeResult(_ index: Int) -> Result<[Int16], MediaError>? {
        results.withLock { $0.removeValue(forKey: index) }
    }

    /// Blocks until the result for `index` is ready.
    func waitResult(_ index: Int) -> Result<[Int16], MediaError> {
        while true {
            if let result = takeResult(index) { return result }
            resultAvailable.wait()
        }
    }

    /// A worker calls this as its last act.
    func workerDidExit() {
        workerExited.signal()
    }

    /// Drops unstarted jobs, lets `workers` workers exit, and waits until they have.
    func closeAndJoin(workers: Int) {
        jobs.withLock {
            $0.pending.removeAll()
            $0.closed = true
        }
        for _ in 0..<workers { jobAvailable.signal() }
        for _ in 0..<workers { workerExited.wait() }
    }
}
