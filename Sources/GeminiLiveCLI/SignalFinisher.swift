import Dispatch
import GeminiLiveSystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The write end of the pipe the signal handler reports to; set once by `install`, before any signal is caught.
private let signalPipe = Atomic<Int32>(-1)

/// Runs a clean-up once SIGINT or SIGTERM arrives, then exits with 128 + the signal number (or a fixed status).
///
/// The handler only writes the signal's number to a pipe, which is async-signal-safe; a thread of its own
/// reads it and runs the clean-up as ordinary code (closing files, patching headers) rather than inside the
/// handler, where almost nothing is safe. A handler, unlike a blocked signal mask, holds for every thread:
/// an async command's `run()` starts on a thread of the concurrency pool, and a mask set there would leave
/// the main thread to take the signal with its default action.
public enum SignalFinisher {
    /// Installs the handler. `exitStatus` replaces 128 + the signal number, for a tool whose documented end
    /// is a signal (the emulator runs until it is stopped, and that is a success).
    public static func install(exitStatus: Int32? = nil, _ cleanUp: @escaping @Sendable () -> Void = {}) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        let reader = ends[0]
        signalPipe.store(ends[1], ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            var number = UInt8(truncatingIfNeeded: signal)
            _ = write(signalPipe.load(ordering: .relaxed), &number, 1)
        }
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        // A parent may hand down a mask that blocks them; this thread at least must take them, or the
        // handler never runs.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM] {
            // A signal the parent ignored (SIGINT for a shell's background job) stays ignored, as before.
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(SIG_IGN, to: Int.self)
            {
                continue
            }
            sigaction(signal, &action, nil)
            sigaddset(&signals, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        // A thread of its own, blocked in read(2) until a signal comes: not a Dispatch worker, which it would hold
        // for the whole run (and which might not be started yet on a loaded machine when the signal comes).
        let finish: @Sendable () -> Void = {
            var number: UInt8 = 0
            while read(reader, &number, 1) < 0 && errno == EINTR {}
            cleanUp()
            _exit(exitStatus ?? 128 + Int32(number))
        }
        // Without a thread of its own the wait must not run here, on the caller's thread.
        if !BlockingThread.tryStart(finish) { DispatchQueue.global().async(execute: finish) }
    }
}
