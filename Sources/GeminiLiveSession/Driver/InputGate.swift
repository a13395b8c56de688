import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Lets the input readers run only while the session accepts input (the resend buffer has room).
final class InputGate: Sendable {
    private let open = Atomic<Bool>(true)

    /// Opens or closes the gate.
    func set(_ isOpen: Bool) {
        open.store(isOpen, ordering: .releasing)
    }

    /// Blocks the calling thread while the gate is closed.
    func waitUntilOpen() {
        while !open.load(ordering: .acquiring) { usleep(5_000) }
    }
}
