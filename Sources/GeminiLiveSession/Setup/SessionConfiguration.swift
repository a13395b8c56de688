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
    /// How a `setup` input line becomes the session's next setup.
    public var layering: SetupLayering

    /// The setup frame of the first connection, as it is sent (with `--resume`'s handle, when given).
    public var firstSetupFrame: [UInt8] { policy.setupFrame(handle: policy.initialHandle) }

    /// Decides the setup and the endpoint from the flags, stdin's setup line and the environment.
    ///
    /// The base setup is `stdinSetup` (a setup message a program already holds) if given, else `--setup FILE`,
    /// else a setup naming `$GEMINI_LIVE_MODEL` (or the default model); giving both `stdinSetup` and `--setup` is
    /// a usage error. Flags are laid over the base (`layering`, which also readies later setup lines).
    /// Resumption is decided here only: when it is off the setup carries no `sessionResumption`; when on, the
    /// first handle is `--resume`, else the base setup's own handle.
    /// The key comes from `--api-key-file`, else the environment, and the Gemini API's hosts need one.
    /// The endpoint is `--endpoint`, else `$GEMINI_LIVE_ENDPOINT` (what `samples/emulator/start.sh` exports, so
    /// a started emulator is used without repeating its URL), else the Gemini API.
    ///
    /// Vertex AI (`--vertex`, or `GOOGLE_GENAI_USE_VERTEXAI=true`) is decided by `VertexAccess`: its host,
    /// path and credential, and the setup's Vertex model name; `--endpoint` still overrides the host.
    public static func resolve(
        _ request: SessionRequest, stdinSetup: Setup?, environment: [String: String]
    ) throws(SessionSetupError) -> SessionConfiguration {
        let key = try SetupFiles.apiKey(file: request.apiKeyFile, environment: environment)
        let vertex = try VertexAccess.resolve(request, key: key, environment: environment)
        if vertex != nil, request.transparentResumption, !request.resumption {
            throw SessionSetupError(.usage, "--transparent-resumption needs resumption; drop --no-resumption")
        }
        let model = environment["GEMINI_LIVE_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? SetupOptions.defaultModel
        let layering = SetupLayering(
            options: try request.resolvedOptions(), defaultModel: SetupOptions.qualifiedModel(model),
            resumption: request.resumption, vertex: vertex, transparentResumption: request.transparentResumption)
        // Without resumption `layering` has already taken `sessionResumption` out.
        let setup = try layering.setup(over: try base(request, stdinSetup: stdinSetup, model: model))
        var policy = SessionPolicy(setup: setup)
        if request.resumption { policy.initialHandle = request.resumeHandle ?? setup.sessionResumption?.handle }
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
        return SessionConfiguration(policy: policy, endpoint: endpoint, layering: layering)
    }

    private static func base(
        _ request: SessionRequest, stdinSetup: Setup?, model: String
    ) throws(SessionSetupError) -> Setup {
        if let stdinSetup {
            if let file = request.setupFile {
                throw SessionSetupError(.usage, "a setup came both from --setup '\(file)' and from stdin's first line")
            }
            // A setup that names no model (InputValidator.modelLeftOpen) takes the one from flags: `layering`.
            return stdinSetup
        }
        if let file = request.setupFile { return try SetupFiles.setup(path: file) }
        return Setup(model: SetupOptions.qualifiedModel(model))
    }
}

extension SessionRequest {
    /// The flags' setup fields, with the files `--system @FILE` and `--tools` name read.
    fileprivate func resolvedOptions() throws(SessionSetupError) -> SetupOptions {
        var options = self.options
        if let system { options.systemInstruction = try SetupFiles.text(system, option: "--system") }
        if let toolsFile { options.tools = try SetupFiles.tools(path: toolsFile) }
        return options
    }
}
