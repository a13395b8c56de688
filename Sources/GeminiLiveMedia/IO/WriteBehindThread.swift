import Dispatch
import GeminiLiveSystem
import Synchronization

/// Runs jobs (file writes) in the order they are submitted, on a thread of its own, so a producer's writes
/// overlap its other work instead of waiting for the kernel to copy every block.
///
/// At most `depth` jobs wait at once: `submit` blocks beyond that, so memory stays bounded and a slow disk
/// holds the producer back. `drain()` returns once everything submitted has run; `stop()` drains and ends
/// the thread. The thread is a `BlockingThread`: writes block, and must stay off Dispatch's and Swift's pools.
final class WriteBehindThread: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var jobs: [Job?] = []
        var stopped = false
    }

    private let state = Mutex(State())
    /// Jobs waiting (a nil job ends the thread).
    private let waiting = DispatchSemaphore(value: 0)
    /// Free places in the queue.
    private let room: DispatchSemaphore

    init(depth: Int = 4) {
        room = DispatchSemaphore(value: depth)
        // Without a thread of its own, every job runs as it is submitted.
        if !BlockingThread.tryStart({ [self] in run() }) { state.withLock { $0.stopped = true } }
    }

    /// Queues `job`; blocks while `depth` jobs are waiting. Jobs submitted after `stop()` run here and now.
    func submit(_ job: @escaping Job) {
        guard !state.withLock({ $0.stopped }) else { return job() }
        room.wait()
        state.withLock { $0.jobs.append(job) }
        waiting.signal()
    }

    /// Waits until every job submitted so far has run.
    func drain() {
        guard !state.withLock({ $0.stopped }) else { return }
        let done = DispatchSemaphore(value: 0)
        submit { done.signal() }
        done.wait()
    }

    /// Runs what is queued, then ends the thread. Safe to call twice.
    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        let done = DispatchSemaphore(value: 0)
        room.wait()
        state.withLock { $0.jobs.append({ done.signal() }) }
        waiting.signal()
        room.wait()
        state.withLock { $0.jobs.append(nil) }
        waiting.signal()
        done.wait()
    }

    private func run() {
        while true {
            waiting.wait()
            let job = state.withLock { $0.jobs.removeFirst() }
            room.signal()
            guard let job else { return }
            job()
        }
    }
}
