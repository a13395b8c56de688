import ArgumentParser
import GeminiLiveProtocol
import GeminiLiveSession
import GeminiLiveSystem

/// What goes into a cassette besides the frames: which secrets are redacted and where media payloads go; shared by
/// every tool that records one (`gemini-live-session --record`, `gemini-live-test --record`).
public struct CassetteFlags: ParsableArguments {
    @Option(
        name: .customLong("redact-env"),
        help: ArgumentHelp(
            "Also redact the value of this environment variable wherever it would be written (repeatable).",
            valueName: "var"))
    public var redactEnvironment: [String] = []

    @Option(
        name: .customLong("media-dir"),
        help: ArgumentHelp(
            "Store audio, image and video payloads as files named by their SHA-256 in this folder; the cassette refers to them.",
            valueName: "dir"))
    public var mediaDirectory: String?

    /// Creates the option group; ArgumentParser fills it in.
    public init() {}

    public func validate() throws {
        for name in redactEnvironment where name.isEmpty || name.contains("=") {
            throw ValidationError("--redact-env takes a variable's name, not '\(name)'.")
        }
    }

    /// The folder of `--media-dir`, if given.
    public var media: MediaFolder? { mediaDirectory.map(MediaFolder.init(path:)) }

    /// The redactor of a session to `endpoint`: its key or token, the values of the `--redact-env` variables in
    /// the process environment, the fixed rules and resumption handles.
    public func redactor(for endpoint: SessionEndpoint) -> SecretRedactor {
        var redactor = SecretRedactor()
        redactor.add(credentialsOf: endpoint)
        redactor.add(environment: redactEnvironment, from: ProcessEnvironment.values(redactEnvironment))
        return redactor
    }
}
