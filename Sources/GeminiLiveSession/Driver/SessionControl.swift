import Dispatch
import Synchronization

/// Lets the front end stop a running session cleanly (on SIGINT or SIGTERM): close with 1000, then return.
public final class SessionControl: Sendable {
    private let queue = Mutex<EventQueue?>(nil)
    private let ended = DispatchSemaphore(value: 0)

    /// Creates a control; pass it to `SessionDriver.control`.
    public init() {}

    func attach(_ events: EventQueue) {
        queue.withLock { $0 = events }
    }

    func finished() {
        ended.signal()
    }

    /// Asks the session to close its connection and end; waits up to `timeout` for it to finish.
    public func stop(timeout: Duration = .seconds(2)) {
        guard let events = queue.withLock({ $0 }) else { return }
        events.pushNow(.inputFailed(SessionOutcome(.success, "interrupted: closing the session")))
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        _ = ended.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
    }
}
