import Dispatch
import GeminiLiveSystem
import Synchronization

/// Runs jobs (file writes) in the order they are submitted, on a thread of its own, so a producer's writes
/// overlap its other work instead of waiting for the kernel to copy every block.
///
/// At most `depth` jobs wait at once: `submit` blocks beyond that, so memory stays bounded and a slow disk
/// holds the producer back. An idle job (a WAV header rewrite) runs once the queue has run dry, so a producer
/// that asks for one after every batch costs one rewrite per pause rather than one per batch. `drain()` returns
/// once everything submitted has run; `stop()` drains and ends the thread. The thread is a `BlockingThread`:
/// writes block, and must stay off Dispatch's and Swift's pools.
final class WriteBehindThread: Sendable {
    typealias Job = @Sendable () -> Void

    private enum Entry {
        case run(Job)
        /// Run the idle job if one is waiting, signal, and end.
        case stop(DispatchSemaphore)
    }

    private struct State {
        var entries: [Entry] = []
        var idleJob: Job?
        var stopped = false
    }

    private let state = Mutex(State())
    /// Counts entries queued and idle jobs set: the thread wakes once for each.
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
        state.withLock { $0.entries.append(.run(job)) }
        waiting.signal()
    }

    /// Runs `job` once every job queued before it, and any queued while it waits, has run; it replaces an idle
    /// job that has not run yet. After `stop()` it runs here and now.
    func whenIdle(_ job: @escaping Job) {
        let replaced = state.withLock { state -> Bool? in
            guard !state.stopped else { return nil }
            defer { state.idleJob = job }
            return state.idleJob != nil
        }
        guard let replaced else { return job() }
        if !replaced { waiting.signal() }
    }

    /// Waits until every job submitted so far has run.
    func drain() {
        guard !state.withLock({ $0.stopped }) else { return }
        let done = DispatchSemaphore(value: 0)
        submit { done.signal() }
        done.wait()
    }

    /// Runs what is queued and the idle job, then ends the thread; when it returns, the thread has run its
    /// last job, so the caller may free what the jobs used. Safe to call twice.
    func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        let done = DispatchSemaphore(value: 0)
        room.wait()
        state.withLock { $0.entries.append(.stop(done)) }
        waiting.signal()
        done.wait()
    }

    private func run() {
        while true {
            waiting.wait()
            // A wake-up is for a queued entry, or, once the queue is empty, for the idle job.
            let (next, queued) = state.withLock { state -> (Entry?, Bool) in
                if !state.entries.isEmpty { return (state.entries.removeFirst(), true) }
                defer { state.idleJob = nil }
                return (state.idleJob.map(Entry.run), false)
            }
            if queued { room.signal() }
            switch next {
            case .run(let job)?:
                job()
            case .stop(let done)?:
                // The idle job has not had its turn; it must not be lost, nor run after the caller goes on.
                state.withLock { state in
                    defer { state.idleJob = nil }
                    return state.idleJob
                }?()
                done.signal()
                return
            case nil:
                continue
            }
        }
    }
}
