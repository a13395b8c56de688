import ArgumentParser
import GeminiLiveSession

/// The flags that send a session to Vertex AI instead of the Gemini API: where (project, location) and with
/// which OAuth token. Tokens come from a file or a command, never from the command line itself.
public struct VertexFlags: ParsableArguments {
    @Flag(
        help:
            "Connect to Vertex AI instead of the Gemini API (also chosen by GOOGLE_GENAI_USE_VERTEXAI=true); needs --access-token-file or --access-token-command, or an API key for express mode."
    )
    var vertex = false

    @Option(help: "Vertex AI: the Google Cloud project (default: $GOOGLE_CLOUD_PROJECT).")
    var project: String?

    @Option(
        help:
            "Vertex AI: the location, e.g. us-central1, europe-west4, global, us, eu (default: $GOOGLE_CLOUD_LOCATION, else global)."
    )
    var location: String?

    @Option(
        name: .customLong("access-token-file"),
        help: ArgumentHelp(
            "Vertex AI: read the OAuth access token from this file, again before every connection.",
            valueName: "file"))
    var accessTokenFile: String?

    @Option(
        name: .customLong("access-token-command"),
        help: ArgumentHelp(
            "Vertex AI: run this shell command before every connection; its stdout is the OAuth access token (e.g. 'gcloud auth print-access-token').",
            valueName: "cmd"))
    var accessTokenCommand: String?

    @Flag(
        name: .customLong("transparent-resumption"),
        help:
            "Vertex AI: ask the service which client messages it consumed, so a resumption re-sends exactly the rest."
    )
    var transparentResumption = false

    /// Creates the option group; ArgumentParser fills it in.
    public init() {}

    public func validate() throws {
        if accessTokenFile != nil, accessTokenCommand != nil {
            throw ValidationError("Give --access-token-file or --access-token-command, not both.")
        }
        if let accessTokenCommand, accessTokenCommand.allSatisfy(\.isWhitespace) {
            throw ValidationError("--access-token-command is empty.")
        }
    }

    /// The flags on the library's request; `VertexAccess` applies the rules and the environment.
    public func apply(to request: inout SessionRequest) {
        request.vertex = vertex
        request.project = project
        request.location = location
        request.accessTokenFile = accessTokenFile
        request.accessTokenCommand = accessTokenCommand
        request.transparentResumption = transparentResumption
    }
}
