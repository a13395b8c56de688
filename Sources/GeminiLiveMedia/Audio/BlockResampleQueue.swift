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
        /// Jobs not yet taken, one list per worker: job `i` goes to worker `i % workers`.
        var pending: [[Job]]
        var closed = false
    }

    /// Workers taking jobs.
    let workers: Int
    private let jobs: Mutex<JobState>
    private let jobAvailable: [DispatchSemaphore]
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

    /// A PCM array from an earlier result, if one is spare, with its old contents: the worker overwrites them,
    /// so the common full-length block needs no zero-filling.
    func takeSparePCM() -> [Int16] {
        sparePCM.withLock { $0.popLast() } ?? []
    }

    /// Gives a delivered result's array back.
    func recycle(pcm: consuming [Int16]) {
        let array = pcm
        sparePCM.withLock { if $0.count < 8 { $0.append(array) } }
    }

    /// Creates a queue for `workers` workers.
    init(workers: Int) {
        self.workers = workers
        jobs = Mutex(JobState(pending: Array(repeating: [], count: workers)))
        jobAvailable = (0..<workers).map { _ in DispatchSemaphore(value: 0) }
    }

    /// Queues a job for its worker. Jobs go round-robin, so each worker sees every `workers`-th block in order
    /// and can run them through one continuous soxr stream.
    func submit(_ job: Job) {
        let worker = job.index % workers
        jobs.withLock { $0.pending[worker].append(job) }
        jobAvailable[worker].signal()
    }

    /// Tells the workers no more jobs will come: each finishes its queue, drains its resampler and exits.
    func finishSubmitting() {
        jobs.withLock { $0.closed = true }
        for semaphore in jobAvailable { semaphore.signal() }
    }

    /// Blocks until `worker` has a job; nil once the queue is closed and that worker's list is empty.
    func nextJob(worker: Int) -> Job? {
        while true {
            jobAvailable[worker].wait()
            let (job, closed) = jobs.withLock { state -> (Job?, Bool) in
                (state.pending[worker].isEmpty ? nil : state.pending[worker].removeFirst(), state.closed)
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

    /// Drops unstarted jobs, lets the workers exit, and waits until they have.
    func closeAndJoin() {
        jobs.withLock {
            $0.pending = Array(repeating: [], count: workers)
            $0.closed = true
        }
        for semaphore in jobAvailable { semaphore.signal() }
        for _ in 0..<workers { workerExited.wait() }
    }
}
