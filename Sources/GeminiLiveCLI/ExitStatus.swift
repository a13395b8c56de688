import GeminiLiveSystem

/// The exit codes every gemini-live tool uses, in one table.
///
/// The values follow BSD `sysexits.h` where one fits, so scripts can tell a typo
/// in a flag (64) from a missing file (66) from bad media (65) from a full disk (74).
/// Libraries never choose a code: they classify a failure as a `ToolErrorCategory`, and
/// `init(_:)` is the one place a category becomes a number. Each man page's EXIT STATUS
/// section lists the rows of this table its tool can return.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Everything asked for was done.
    case success = 0
    /// A failure that fits no other row (a bug, or an error the tool did not classify).
    case failure = 1
    /// The command line is wrong: unknown flag, bad value, conflicting options.
    case usage = 64
    /// An input exists but its content is wrong: corrupt or unsupported media, a malformed line.
    case badData = 65
    /// An input cannot be opened: no such file, permission denied.
    case noInput = 66
    /// The service cannot be reached, or kept failing (close 1011, drops) after every retry (gemini-live-session).
    case unavailable = 69
    /// An output file or folder cannot be created.
    case cannotCreate = 73
    /// Reading or writing failed (disk full, I/O error). A closed stdout pipe is not an error.
    case io = 74
    /// Connecting or waiting for `setupComplete` took longer than allowed (gemini-live-session).
    case timeout = 75
    /// The service rejected a message or the setup (close 1007) or broke the protocol (gemini-live-session).
    case protocolError = 76
    /// The API key or token is missing or was refused (gemini-live-session).
    case permission = 77
    /// Not found or refused by policy (close 1008): unknown model, stale resumption handle (gemini-live-session).
    case configuration = 78

    /// The status for a failure of `category`: the one mapping from categories to codes.
    ///
    /// A closed stdout is not a failure of the tool, so it ends with 0 like a finished run.
    public init(_ category: ToolErrorCategory) {
        self =
            switch category {
            case .success, .outputClosed: .success
            case .failure: .failure
            case .usage: .usage
            case .badData: .badData
            case .noInput: .noInput
            case .unavailable: .unavailable
            case .cannotCreate: .cannotCreate
            case .io: .io
            case .timeout: .timeout
            case .protocolError: .protocolError
            case .permission: .permission
            case .configuration: .configuration
            }
    }

    /// One line per code, as printed in `--help` and the man pages.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .failure: "unexpected failure"
        case .usage: "usage error: bad option or option value"
        case .badData: "bad input data: corrupt or unsupported media, malformed line"
        case .noInput: "an input file cannot be opened"
        case .cannotCreate: "an output file or folder cannot be created"
        case .io: "reading or writing failed"
        case .unavailable: "service unavailable: unreachable, or still failing (1011) after the retries"
        case .timeout: "timed out connecting or waiting for setupComplete"
        case .protocolError: "request rejected (close 1007) or protocol error"
        case .permission: "API key or token missing or refused"
        case .configuration: "not found or refused by policy (close 1008): model, resumption handle"
        }
    }

    /// The table as text for a command's `discussion`.
    public static func helpTable(_ statuses: [ExitStatus] = ExitStatus.allCases) -> String {
        statuses.map { status in
            let code = String(status.rawValue)
            return "  " + code + String(repeating: " ", count: max(1, 5 - code.count)) + status.meaning
        }.joined(separator: "\n")
    }
}
