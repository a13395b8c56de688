import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// Exit status, or 128 + signal number when killed by a signal.
    public var status: Int32
    /// Everything written to stdout.
    public var stdout: Data
    /// Everything written to stderr.
    public var stderr: Data
    /// Wall-clock seconds from launch to exit.
    public var seconds: Double

    /// stderr as text.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    /// stdout as text.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// stdout split into non-empty lines.
    public var stdoutLines: [Data] {
        stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { Data($0) }
    }
}
