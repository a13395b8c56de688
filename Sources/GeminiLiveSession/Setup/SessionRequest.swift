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
    /// `--vertex`: connect to Vertex AI (also chosen by `GOOGLE_GENAI_USE_VERTEXAI=true`).
    public var vertex = false
    /// `--project`: the Google Cloud project (default `$GOOGLE_CLOUD_PROJECT`).
    public var project: String?
    /// `--location`: the Vertex AI location (default `$GOOGLE_CLOUD_LOCATION`, else `global`).
    public var location: String?
    /// `--access-token-file FILE`: Vertex AI's OAuth token, read before every connection.
    public var accessTokenFile: String?
    /// `--access-token-command CMD`: prints Vertex AI's OAuth token; run before every connection.
    public var accessTokenCommand: String?
    /// `--transparent-resumption`: ask Vertex AI which client messages it consumed, so a resumption re-sends
    /// exactly the rest.
    public var transparentResumption = false

    /// Creates an empty request: the built-in defaults.
    public init() {}
}
