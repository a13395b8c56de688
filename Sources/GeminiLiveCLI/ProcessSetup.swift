#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide settings every tool makes before it writes anything.
public enum ProcessSetup {
    /// Ignore SIGPIPE so a closed downstream pipe surfaces as EPIPE from write(2),
    /// which the tools turn into a quiet exit instead of dying mid-line.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }
}
