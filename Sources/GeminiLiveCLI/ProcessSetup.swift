#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Process-wide settings a tool makes before it writes anything.
public enum ProcessSetup {
    /// Ignore SIGPIPE so a closed downstream pipe surfaces as EPIPE from write(2),
    /// which the tools turn into a quiet exit instead of dying mid-line.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Keeps freed large blocks in the heap instead of returning them to the kernel (glibc only).
    ///
    /// For a tool that allocates and frees the same few large buffers over and over (the decoder's input
    /// blocks and decoded audio): by default glibc gives blocks of 128 KiB and more back to the kernel when
    /// they are freed, so every batch starts on fresh pages that must be faulted in again. Raising the mmap
    /// and trim thresholds keeps a few MiB reserved. `mallopt` is looked up at run time because Swift's Glibc
    /// module leaves out `malloc.h`.
    public static func keepFreedBlocksInTheHeap() {
        #if canImport(Glibc)
            typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
            let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            _ = mallopt(mmapThreshold, 64 << 20)
            _ = mallopt(trimThreshold, 128 << 20)
        #endif
    }
}
