import GeminiLiveProtocol

extension CassetteHeader {
    /// The header of a session's cassette: the recording tool's version, now, and where and with which model the
    /// session talks (the endpoint's host and the API version in its path, the setup's model).
    ///
    /// The path of a custom `--endpoint` may name no API version; `api` is then absent.
    public init(
        tool: String, endpoint: SessionEndpoint, setup: Setup, scenario: String? = nil, scenarioHash: String? = nil
    ) {
        self.init(
            tool: tool, recorded: Self.timestamp(), host: endpoint.host, api: Self.apiVersion(path: endpoint.path),
            model: setup.model, scenario: scenario, scenarioHash: scenarioHash)
    }

    /// `v1beta` of `/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent`, `v1beta1`
    /// of Vertex AI's `/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent`.
    static func apiVersion(path: String) -> String? {
        guard let range = path.firstRange(of: "generativelanguage.") ?? path.firstRange(of: "aiplatform.") else {
            return nil
        }
        let version = path[range.upperBound...].prefix { $0 != "." && $0 != "/" && $0 != "?" }
        return version.isEmpty ? nil : String(version)
    }
}
