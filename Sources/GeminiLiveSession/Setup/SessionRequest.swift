import GeminiLiveProtocol

/// What the command line asks of a session, before any file, stdin line or environment variable is read.
///
/// `SessionConfiguration.resolve(_:stdinSetup:environment:)` turns it into the setup, the resumption
/// rule and the endpoint; keeping the flags as plain values lets that precedence be tested without a parser.
public struct SessionRequest: Sendable {
    /// Setup fields given as flags; `systemInstruction` and `tools` come from `system` and `toolsFile`.
    public var options = SetupOptions()
    /// `--system`: the instruction text, or `@FILE` to read it from a file.
    public var system: String?
    /// `--tools FILE`: function declarations or tool objects.
    public var toolsFile: String?
    /// `--setup FILE`: the whole base setup.
    public var setupFile: String?
    /// `--resume HANDLE`: the session to resume on the first connection.
    public var resumeHandle: String?
    /// Ask for resumption handles and resume after drops; false for `--no-resumption`.
    public var resumption = true
    /// `--endpoint URL`; nil for the Gemini API.
    public var endpoint: String?
    /// `--api-version`; nil for the default (v1, or v1alpha for ephemeral tokens).
    public var apiVersion: APIVersion?
    /// `--api-key-file FILE`; the environment is used without it.
    public var apiKeyFile: String?

    /// Creates an empty request: the built-in defaults.
    public init() {}
}
