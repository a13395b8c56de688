/// Why a tool stopped, as a class that decides its exit status: the rows of `ExitStatus` without their numbers.
///
/// Libraries classify their failures with this and never pick a number; `GeminiLiveCLI.ExitStatus` maps each
/// category to its code once, so the same situation ends with the same code in every tool.
public enum ToolErrorCategory: String, Sendable, Equatable, CaseIterable {
    /// Everything asked for was done (a session's normal end, or one stopped by a signal).
    case success
    /// A failure that fits no other category (a bug, or an error nobody classified).
    case failure
    /// The command line is wrong: a bad option value, options that cannot work together.
    case usage
    /// An input exists but its content is wrong: corrupt or unsupported media, a malformed line or file.
    case badData
    /// An input cannot be opened or read as a file: missing, permission denied, a directory.
    case noInput
    /// The service cannot be reached, or kept failing after every retry.
    case unavailable
    /// An output file or folder cannot be created.
    case cannotCreate
    /// Reading or writing failed once under way (disk full, I/O error).
    case io
    /// Connecting or waiting for the service's answer took longer than allowed.
    case timeout
    /// The service rejected a message or the setup, or broke the protocol.
    case protocolError
    /// The API key or token is missing or was refused.
    case permission
    /// Not found or refused by policy: an unknown model, a stale resumption handle.
    case configuration
    /// The reader of stdout went away; the run ends quietly, as a successful one does.
    case outputClosed
}
