import Foundation

/// Runs the built tools (and helper programs like sox) as real child processes.
///
/// stdout and stderr are drained on their own threads while the child runs, so a child
/// that writes more than a pipe buffer holds can never deadlock the test.
public enum ToolRunner {
    /// Where `swift build` put the executables: the folder holding the test bundle.
    public static let binaryDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["GEMINI_LIVE_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("gemini-live-encode").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }()

    /// The path of a built tool, e.g. `tool("gemini-live-encode")`.
    public static func tool(_ name: String) -> String {
        binaryDirectory.appendingPathComponent(name).path
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments`.
    /// - Parameters:
    ///   - stdin: bytes written to the child's stdin, then closed; nil gives /dev/null.
    ///   - stdinFile: a file opened as the child's stdin (a regular file, not a pipe).
    ///   - timeout: seconds before the child is killed (status then 128 + 9).
    ///   - schemaKind: "client" or "server" to capture stdout for the schema check.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        stdin: Data? = nil,
        stdinFile: String? = nil,
        environment: [String: String]? = nil,
        currentDirectory: String? = nil,
        timeout: Double = 120,
        schemaKind: String? = nil
    ) throws -> ProcessResult {
        _ = ignoreBrokenPipe
        let process = Process()
        process.executableURL = URL(fileURLWithPath: resolve(executable))
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        var inPipe: Pipe?
        if let stdinFile {
            process.standardInput = FileHandle(forReadingAtPath: stdinFile)
        } else if stdin != nil {
            inPipe = Pipe()
            process.standardInput = inPipe
        } else {
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        }
        let start = Date()
        try process.run()
        let collector = OutputCollector(stdout: outPipe.fileHandleForReading, stderr: errPipe.fileHandleForReading)
        if let inPipe, let stdin {
            let writer = inPipe.fileHandleForWriting
            Thread.detachNewThread {
                // A child that exits early closes its end; the write then fails with EPIPE, which is fine.
                try? writer.write(contentsOf: stdin)
                try? writer.close()
            }
        }
        let killer = Watchdog(process: process, timeout: timeout)
        process.waitUntilExit()
        killer.cancel()
        let (out, err) = collector.wait()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        if let schemaKind { SchemaLog.record(out, kind: schemaKind) }
        return ProcessResult(status: status, stdout: out, stderr: err, seconds: Date().timeIntervalSince(start))
    }

    /// Runs a shell pipeline with `bash -o pipefail -c`, for tests that mirror README usage.
    ///
    /// The script can wait for a condition with `wait_until COMMAND [ARG...]`, and test a log with
    /// `has_lines N PATTERN FILE` (at least N lines hold PATTERN); see `ShellConditionWaiter`.
    public static func shell(_ script: String, timeout: Double = 120, schemaKind: String? = nil) throws -> ProcessResult
    {
        let path = "\(binaryDirectory.path):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"
        let prelude = ShellConditionWaiter.definitions(giveUpAfter: timeout)
        return try run(
            "/bin/bash", ["-o", "pipefail", "-c", prelude + script], environment: ["PATH": path], timeout: timeout,
            schemaKind: schemaKind)
    }

    /// A child that exits before reading all its stdin must not kill the test runner with SIGPIPE.
    private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func resolve(_ executable: String) -> String {
        if executable.contains("/") { return executable }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return executable
    }
}

/// Reads both output pipes to the end on background threads.
final class OutputCollector: @unchecked Sendable {
    // @unchecked: `out`/`err` are written by one thread each and read only after `group.wait()`.
    private var out = Data()
    private var err = Data()
    private let group = DispatchGroup()

    init(stdout: FileHandle, stderr: FileHandle) {
        group.enter()
        group.enter()
        Thread.detachNewThread { [self] in
            out = stdout.readDataToEndOfFile()
            group.leave()
        }
        Thread.detachNewThread { [self] in
            err = stderr.readDataToEndOfFile()
            group.leave()
        }
    }

    func wait() -> (Data, Data) {
        group.wait()
        return (out, err)
    }
}

/// Kills a child that outlives its timeout, and everything it started, so a hang fails the test instead of CI.
///
/// The descendants matter for shell pipelines: killing only bash would leave a hung tool holding the
/// output pipes open, and the test would wait on them forever.
final class Watchdog: Sendable {
    /// Signalled when the child exits in time: the watchdog's wait ends at once instead of polling.
    private let exited = DispatchSemaphore(value: 0)

    init(process: Process, timeout: Double) {
        let pid = process.processIdentifier
        Thread.detachNewThread { [self] in
            guard exited.wait(timeout: .now() + timeout) == .timedOut else { return }
            let family = Self.descendants(of: pid)
            kill(pid, SIGKILL)
            for child in family { kill(child, SIGKILL) }
        }
    }

    /// Every process below `pid`, found through the parent field of /proc/PID/stat.
    static func descendants(of pid: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // "PID (comm) STATE PPID ...": the name may hold spaces and parentheses, so split after the last ')'.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
        }
        var found: [Int32] = []
        var frontier = [pid]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }

    func cancel() { exited.signal() }
}
