import Synchronization
import Testing

@testable import GeminiLiveMedia

/// `WriteBehindThread`, the sound file writer's thread: jobs in order, the idle job only after the queue ran
/// dry and at most once per request, nothing lost at `stop()`.
struct WriteBehindThreadTests {
    private final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test func jobsRunInOrderAndDrainWaitsForThem() {
        let thread = WriteBehindThread(depth: 2)
        let log = Log()
        for index in 0..<100 { thread.submit { log.add("\(index)") } }
        thread.drain()
        #expect(log.all == (0..<100).map(String.init))
        thread.stop()
    }

    @Test func theIdleJobRunsAfterTheQueueAndOnlyTheLastOneSet() {
        let thread = WriteBehindThread(depth: 4)
        let log = Log()
        let gate = Mutex(false)
        // Hold the thread in the first job so the rest queue up behind it.
        thread.submit {
            while !gate.withLock({ $0 }) {}
            log.add("a")
        }
        thread.whenIdle { log.add("idle 1") }
        thread.submit { log.add("b") }
        thread.whenIdle { log.add("idle 2") }
        thread.submit { log.add("c") }
        gate.withLock { $0 = true }
        thread.drain()
        thread.stop()
        #expect(log.all == ["a", "b", "c", "idle 2"])
    }

    @Test func stopRunsAnIdleJobThatHadNoTurn() {
        let thread = WriteBehindThread(depth: 4)
        let log = Log()
        let gate = Mutex(false)
        thread.submit {
            while !gate.withLock({ $0 }) {}
            log.add("a")
        }
        thread.whenIdle { log.add("idle") }
        gate.withLock { $0 = true }
        thread.stop()
        #expect(log.all == ["a", "idle"])
        // After stop, jobs run on the caller's thread.
        thread.submit { log.add("late") }
        thread.whenIdle { log.add("late idle") }
        #expect(log.all == ["a", "idle", "late", "late idle"])
    }
}
