import GeminiLiveSystem

/// Where the OAuth access token for Vertex AI comes from: read again before every connection, because tokens
/// expire after about an hour and a long session outlives the first one.
///
/// Never from the command line itself: a file (`--access-token-file`) or a command (`--access-token-command`,
/// e.g. `gcloud auth print-access-token`), whose output is trimmed. Errors name the source and, for a command,
/// its exit status, never what it printed (that may be a token).
public enum AccessTokenSource: Sendable, Equatable {
    /// `--access-token-file FILE`.
    case file(String)
    /// `--access-token-command CMD`, run with `/bin/sh -c`.
    case command(String)

    /// The flag that names this source, for messages.
    public var option: String {
        switch self {
        case .file: "--access-token-file"
        case .command: "--access-token-command"
        }
    }

    /// Reads or runs the source; blocks (a command may take a second). Errors are permission errors (77),
    /// except a file that cannot be read (66).
    public func token() throws(SessionSetupError) -> String {
        switch self {
        case .file(let path):
            return try checked(SetupFiles.trimmed(try SetupFiles.contents(of: path, option: option)), from: path)
        case .command(let command):
            let (status, output) = ShellCommand.run(command, input: [])
            guard status == 0 else {
                throw SessionSetupError(.permission, "\(option) '\(command)' exited with status \(status)")
            }
            return try checked(SetupFiles.trimmed(output), from: command)
        }
    }

    /// `token` after a check that it fits in a header: one word, no spaces or control characters (a command
    /// that printed a warning on stdout, or two lines, would otherwise corrupt the request).
    private func checked(_ token: String, from source: String) throws(SessionSetupError) -> String {
        guard !token.isEmpty else { throw SessionSetupError(.permission, "\(option) '\(source)' gave no token") }
        guard token.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw SessionSetupError(
                .permission, "\(option) '\(source)' gave more than one word; a token is one line without spaces")
        }
        return token
    }

    /// The header value for `token`.
    public static func authorization(_ token: String) -> String { "Bearer " + token }
}
