import NIOConcurrencyHelpers

/// Lets the input readers run only while the session accepts input (the resend buffer has room).
final class InputGate: Sendable {
    // A condition, not a flag polled with sleeps: a reader resumes the moment the gate opens.
    private let open = ConditionLock(value: true)

    /// Opens or closes the gate.
    func set(_ isOpen: Bool) {
        open.lock()
        open.unlock(withValue: isOpen)
    }

    /// Blocks the calling thread while the gate is closed.
    func waitUntilOpen() {
        open.lock(whenValue: true)
        open.unlock()
    }
}
