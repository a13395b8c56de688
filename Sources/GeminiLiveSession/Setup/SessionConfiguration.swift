import GeminiLiveProtocol

/// The resolved session: the policy (setup, resumption, first handle) and where to connect with which key.
public struct SessionConfiguration: Sendable {
    /// The environment variables `resolve` reads; the front end passes exactly these.
    public static let environmentNames =
        [
            "GOOGLE_API_KEY", "GEMINI_API_KEY", "GEMINI_LIVE_MODEL", "GEMINI_LIVE_ENDPOINT",
        ] + VertexAccess.environmentNames

    /// The session's rules; timeouts, retries and limits keep their defaults for the caller to set.
    public var policy: SessionPolicy
    /// Where to connect, with the auth header.
    public var endpoint: SessionEndpoint

    /// The setup frame of the first connection, as it is sent (with `--resume`'s handle, when given).
    public var firstSetupFrame: [UInt8] { policy.setupFrame(handle: policy.initialHandle) }

    /// Decides the setup and the endpoint from the flags, stdin's setup line and the environment.
    ///
    /// The base setup is stdin's first line if it is a setup, else `--setup FILE`, else a setup naming
    /// `$GEMINI_LIVE_MODEL` (or the default model); giving both a stdin setup and `--setup` is a usage error.
    /// Flags are laid over the base. Resumption is decided here only: when it is off the setup carries no
    /// `sessionResumption`; when on, the first handle is `--resume`, else the base setup's own handle.
    /// The key comes from `--api-key-file`, else the environment, and the Gemini API's hosts need one.
    /// The endpoint is `--endpoint`, else `$GEMINI_LIVE_ENDPOINT` (what `samples/emulator/start.sh` exports, so
    /// a started emulator is used without repeating its URL), else the Gemini API.
    ///
    /// Vertex AI (`--vertex`, or `GOOGLE_GENAI_USE_VERTEXAI=true`) is decided by `VertexAccess`: its host,
    /// path and credential, and the setup's Vertex model name; `--endpoint` still overrides the host.
    public static func resolve(
        _ request: SessionRequest, stdinSetup: Setup?, environment: [String: String]
    ) throws(SessionSetupError) -> SessionConfiguration {
        var setup = try request.options(with: try base(request, stdinSetup: stdinSetup, environment: environment))
        let key = try SetupFiles.apiKey(file: request.apiKeyFile, environment: environment)
        let vertex = try VertexAccess.resolve(request, key: key, environment: environment)
        if let vertex {
            if request.transparentResumption, !request.resumption {
                throw SessionSetupError(.usage, "--transparent-resumption needs resumption; drop --no-resumption")
            }
            setup = try vertex.adapt(setup, transparentResumption: request.transparentResumption)
        } else if setup.sessionResumption?.unknownFields["transparent"] != nil {
            throw SessionSetupError(
                .usage,
                "sessionResumption.transparent in the setup is a Vertex AI feature: add --vertex, or drop it from the setup"
            )
        }
        var policy: SessionPolicy
        if request.resumption {
            let handle = request.resumeHandle ?? setup.sessionResumption?.handle
            policy = SessionPolicy(setup: setup)
            policy.initialHandle = handle
        } else {
            setup.sessionResumption = nil
            policy = SessionPolicy(setup: setup)
        }
        policy.resumption = request.resumption
        let environmentEndpoint = environment["GEMINI_LIVE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        let endpoint = try SessionEndpoint.resolve(
            endpoint: request.endpoint ?? environmentEndpoint, apiVersion: request.apiVersion?.rawValue, key: key,
            source: request.endpoint == nil ? "$GEMINI_LIVE_ENDPOINT" : "--endpoint",
            backend: vertex == nil ? .geminiAPI : .vertexAI, location: vertex?.location ?? "global",
            accessToken: vertex?.accessToken)
        if key == nil, vertex == nil, endpoint.host.hasSuffix("googleapis.com") {
            throw SessionSetupError(
                .permission, "no API key: set GEMINI_API_KEY (or GOOGLE_API_KEY), or give --api-key-file FILE")
        }
        return SessionConfiguration(policy: policy, endpoint: endpoint)
    }

    private static func base(
        _ request: SessionRequest, stdinSetup: Setup?, environment: [String: String]
    ) throws(SessionSetupError) -> Setup {
        let model = environment["GEMINI_LIVE_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? SetupOptions.defaultModel
        if var stdinSetup {
            if let file = request.setupFile {
                throw SessionSetupError(.usage, "a setup came both from --setup '\(file)' and from stdin's first line")
            }
            // A first line that names no model (InputSource.modelLeftOpen) takes the one a setup from flags would.
            if stdinSetup.model.isEmpty { stdinSetup.model = SetupOptions.qualifiedModel(model) }
            return stdinSetup
        }
        if let file = request.setupFile { return try SetupFiles.setup(path: file) }
        return Setup(model: SetupOptions.qualifiedModel(model))
    }
}

extension SessionRequest {
    /// `base` with every flag applied, reading the files `--system @FILE` and `--tools` name.
    fileprivate func options(with base: Setup) throws(SessionSetupError) -> Setup {
        var options = self.options
        if let system { options.systemInstruction = try SetupFiles.text(system, option: "--system") }
        if let toolsFile { options.tools = try SetupFiles.tools(path: toolsFile) }
        return options.apply(to: base)
    }
}
