import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a clean-up once SIGINT or SIGTERM arrives, then exits with 128 + the signal number.
///
/// The signals are blocked in every thread and taken with sigwait(3) on a thread of their own,
/// so the clean-up runs as ordinary code (closing files, patching headers) rather than inside
/// an async-signal handler where almost nothing is safe.
public enum SignalFinisher {
    /// Installs the handler; call before starting other threads so they inherit the mask.
    public static func install(_ cleanUp: @escaping @Sendable () -> Void) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let waited = signals
        // A Dispatch thread rather than Foundation's Thread: the tools stay free of full Foundation (and ICU).
        DispatchQueue.global().async {
            var set = waited
            var received: Int32 = 0
            sigwait(&set, &received)
            cleanUp()
            _exit(128 + received)
        }
    }
}
