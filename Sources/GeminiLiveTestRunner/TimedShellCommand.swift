import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// A shell command run in a folder with bytes on its standard input, its standard output collected, and a
/// time limit: what a scenario's judge is. Blocking; run it on a `BlockingThread`.
///
/// The command runs as `/bin/sh -c 'cd FOLDER && COMMAND'`, like a `tool_responses` command, in a process
/// group of its own, so that at the limit the whole group (the shell, the judge, whatever it started) is
/// killed, not just the shell. Input is written as the command reads it, alongside reading its output, so a
/// command that prints before it has read everything, or never reads, cannot deadlock the two pipes.
/// Standard error is the caller's, so a judge's complaints reach the user.
struct TimedShellCommand {
    /// How the command ended.
    enum Ending: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)
        /// It ran past the limit and was killed.
        case timedOut
        /// It could not be started (the reason).
        case notStarted(String)
    }

    /// The command line.
    let command: String
    /// The folder it runs in.
    let folder: String
    /// How long it may run.
    let timeout: Duration

    /// Runs the command once with `input`; returns how it ended and everything it printed on stdout.
    func run(input: [UInt8]) -> (ending: Ending, output: [UInt8]) {
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0 else { return (.notStarted("pipe: \(SystemCallError.current)"), []) }
        guard pipe(&fromChild) == 0 else {
            let error = SystemCallError.current
            toChild.forEach { close($0) }
            return (.notStarted("pipe: \(error)"), [])
        }
        // Not inherited by other commands started meanwhile (the child gets its ends by dup2).
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own, to kill it whole; SIGPIPE back to its default (the tools ignore it) and no
        // signal blocked, whatever this thread does.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let script = "cd \(Self.shellQuoted(folder)) && \(command)"
        let words: [String] = ["/bin/sh", "-c", script]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            return (.notStarted("/bin/sh: \(SystemCallError(code: spawned))"), [])
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let output = exchange(input, writingTo: toChild[1], readingFrom: fromChild[0], until: deadline)
        guard output.finished, let status = Self.wait(for: pid, until: deadline) else {
            kill(-pid, SIGKILL)
            _ = Self.wait(for: pid, until: nil)
            return (.timedOut, output.bytes)
        }
        let exited = status & 0x7f == 0
        return (exited ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f), output.bytes)
    }

    /// Writes `input` to `writer` and reads `reader` to its end, whichever is ready, until `deadline`; closes
    /// both. `finished` is false when the deadline came first.
    private func exchange(
        _ input: [UInt8], writingTo writer: Int32, readingFrom reader: Int32, until deadline: ContinuousClock.Instant
    ) -> (bytes: [UInt8], finished: Bool) {
        var writer = writer
        _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK)
        // A command that exits without reading makes the write fail with EPIPE; in a process that does not
        // ignore SIGPIPE (a library's user, a test runner) the signal would end it, so this thread holds it
        // back and discards it.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask)
        defer {
            var pending = sigset_t()
            if sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
        var written = 0
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        defer {
            if writer >= 0 { close(writer) }
            close(reader)
        }
        func closeWriter() {
            close(writer)
            writer = -1
        }
        if input.isEmpty { closeWriter() }
        while true {
            guard let wait = Self.milliseconds(until: deadline) else { return (output, false) }
            var descriptors = [pollfd(fd: reader, events: Int16(POLLIN), revents: 0)]
            if writer >= 0 { descriptors.append(pollfd(fd: writer, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), wait)
            if ready < 0 && errno != EINTR { return (output, false) }
            guard ready > 0 else { continue }
            if descriptors.count > 1, descriptors[1].revents != 0 {
                let count = input[written...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                if count > 0 {
                    written += count
                    if written == input.count { closeWriter() }
                } else if count < 0, errno != EAGAIN, errno != EINTR {
                    // The command stopped reading (EPIPE): what it prints still counts.
                    closeWriter()
                }
            }
            if descriptors[0].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                if count > 0 {
                    output += chunk[0..<count]
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    return (output, true)
                }
            }
        }
    }

    /// The wait status of `pid` once it exits, or nil if `deadline` comes first (never, without one).
    ///
    /// A command closes its output just before it exits, so this rarely waits; one that closes it and goes on
    /// running is checked again every few milliseconds up to the deadline, as there is no descriptor to poll.
    private static func wait(for pid: pid_t, until deadline: ContinuousClock.Instant?) -> Int32? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return status }
            if let deadline {
                guard let wait = milliseconds(until: deadline) else { return nil }
                _ = poll(nil, 0, min(wait, 10))
            }
        }
    }

    /// Milliseconds left until `deadline` for poll(2), at least 1 while any is left; nil once it has passed.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32? {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return nil }
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(milliseconds, 1))
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}
