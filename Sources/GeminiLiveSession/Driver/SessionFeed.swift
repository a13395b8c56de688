import Synchronization

/// Client messages from a program instead of from input files: what `gemini-live-test` uses to run a
/// scenario's turns over the session in-process.
///
/// Messages go through the state machine exactly like input lines (buffered until `setupComplete`, kept for
/// re-sending after a resumption); `close()` ends the session cleanly at once, without waiting for replies.
/// Calls made before the session has started are held and delivered, in order, once it starts.
public final class SessionFeed: Sendable {
    private struct State {
        var queue: EventQueue?
        var held: [SessionEvent] = []
    }

    private let state = Mutex(State())

    /// Creates a feed; pass it to `SessionDriver.feed`.
    public init() {}

    func attach(_ events: EventQueue) {
        let held = state.withLock { state in
            state.queue = events
            defer { state.held = [] }
            return state.held
        }
        for event in held { events.pushNow(event) }
    }

    /// Sends one client message (never a setup: the session sends its own).
    public func send(_ message: OutboundMessage) {
        push(.clientLine(message))
    }

    /// Closes the connection with 1000 and ends the session, replies still due or not.
    public func close() {
        push(.inputFailed(.success))
    }

    private func push(_ event: SessionEvent) {
        let queue = state.withLock { state -> EventQueue? in
            if state.queue == nil { state.held.append(event) }
            return state.queue
        }
        queue?.pushNow(event)
    }
}
