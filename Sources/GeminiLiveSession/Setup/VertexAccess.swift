import GeminiLiveProtocol

/// Where on Vertex AI a session goes and how it signs in: the project and location (which pick the host and
/// the model's full name) and the credential.
///
/// Two modes, as the SDKs have them: an OAuth access token with a project (`Authorization: Bearer`, the full
/// model name, the location's host), or express mode, an API key with no project (`x-goog-api-key`, the
/// global host, the short model name `publishers/google/models/ID`).
public struct VertexAccess: Sendable, Equatable {
    /// The environment variables `resolve` reads.
    public static let environmentNames = ["GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION"]

    /// The project; nil in express mode.
    public var project: String?
    /// The location: the host serves it and the model name carries it.
    public var location: String
    /// The OAuth token's source; nil in express mode.
    public var accessToken: AccessTokenSource?

    /// Whether this is express mode (an API key, no project).
    public var isExpress: Bool { accessToken == nil }

    /// Whether the request asks for Vertex AI: `--vertex`, or `GOOGLE_GENAI_USE_VERTEXAI` set to true (or 1)
    /// as the SDKs read it.
    public static func isRequested(_ request: SessionRequest, environment: [String: String]) -> Bool {
        if request.vertex { return true }
        let value = environment["GOOGLE_GENAI_USE_VERTEXAI"]?.lowercased() ?? ""
        return value == "true" || value == "1"
    }

    /// The Vertex AI access the request asks for, or nil for the Gemini API (where a Vertex-only flag is a
    /// usage error). `key` is the API key found for the session, if any.
    public static func resolve(
        _ request: SessionRequest, key: String?, environment: [String: String]
    ) throws(SessionSetupError) -> VertexAccess? {
        guard isRequested(request, environment: environment) else {
            let vertexOnly: [(String, Bool)] = [
                ("--project", request.project != nil), ("--location", request.location != nil),
                ("--access-token-file", request.accessTokenFile != nil),
                ("--access-token-command", request.accessTokenCommand != nil),
                ("--transparent-resumption", request.transparentResumption),
            ]
            if let (flag, _) = vertexOnly.first(where: \.1) {
                throw SessionSetupError(
                    .usage, "\(flag) is for Vertex AI: add --vertex (or set GOOGLE_GENAI_USE_VERTEXAI=true)")
            }
            return nil
        }
        var source: AccessTokenSource?
        switch (request.accessTokenFile, request.accessTokenCommand) {
        case (let file?, nil): source = .file(file)
        case (nil, let command?): source = .command(command)
        case (nil, nil): source = nil
        case (_?, _?):
            throw SessionSetupError(.usage, "give --access-token-file or --access-token-command, not both")
        }
        let project = request.project ?? environment["GOOGLE_CLOUD_PROJECT"].flatMap { $0.isEmpty ? nil : $0 }
        let location: String
        if let given = request.location {
            location = given
            if let problem = VertexHost.problem(location: given) {
                throw SessionSetupError(.usage, "--location '\(given)' \(problem)")
            }
        } else if let given = environment["GOOGLE_CLOUD_LOCATION"], !given.isEmpty {
            location = given
            if let problem = VertexHost.problem(location: given) {
                throw SessionSetupError(.usage, "$GOOGLE_CLOUD_LOCATION '\(given)' \(problem)")
            }
        } else {
            location = "global"
        }
        if let project, project.isEmpty || project.contains("/") {
            let source = request.project == nil ? "$GOOGLE_CLOUD_PROJECT" : "--project"
            throw SessionSetupError(.usage, "\(source) '\(project)' is not a project id")
        }
        if let source {
            guard let project else {
                throw SessionSetupError(
                    .usage,
                    "Vertex AI with \(source.option) needs a project: give --project or set GOOGLE_CLOUD_PROJECT")
            }
            return VertexAccess(project: project, location: location, accessToken: source)
        }
        guard let key else {
            throw SessionSetupError(
                .permission,
                "no credentials for Vertex AI: give --access-token-file FILE or --access-token-command CMD (e.g. 'gcloud auth print-access-token'), or an API key for express mode"
            )
        }
        if key.hasPrefix("auth_tokens/") {
            throw SessionSetupError(
                .usage,
                "ephemeral tokens (auth_tokens/...) are a Gemini API feature; Vertex AI (--vertex) takes an access token or an API key"
            )
        }
        // Express mode: the key alone, as the SDKs do it (a project from the environment is not used with it).
        if request.project != nil || request.location != nil {
            throw SessionSetupError(
                .usage,
                "\(request.project != nil ? "--project" : "--location") with an API key: Vertex AI express mode uses the global host and no project; give an access token (--access-token-file or --access-token-command) to use a project"
            )
        }
        return VertexAccess(project: nil, location: "global", accessToken: nil)
    }

    /// `setup` as Vertex AI takes it: the model's Vertex name, transparent resumption when asked for; a
    /// Gemini-API-only field is a usage error (the service would close with a bare 1007 instead).
    public func adapt(_ setup: Setup, transparentResumption: Bool) throws(SessionSetupError) -> Setup {
        var setup = setup
        setup.model = ModelName.vertex(setup.model, project: project, location: project == nil ? nil : location)
        if let config = setup.generationConfig,
            config.unknownFields["translationConfig"] != nil || config.unknownFields["translation_config"] != nil
        {
            throw SessionSetupError(
                .usage,
                "generationConfig.translationConfig is a Gemini API feature that Vertex AI refuses: drop it from the setup, or drop --vertex"
            )
        }
        if transparentResumption {
            var resumption = setup.sessionResumption ?? SessionResumptionConfig()
            resumption.unknownFields["transparent"] = true
            setup.sessionResumption = resumption
        }
        return setup
    }
}
