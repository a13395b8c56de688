/// The versions of the Live API the services publish, as they appear in the WebSocket path.
///
/// One list for the client's `--api-version` and the emulator's routes, so both accept the same paths.
/// The Gemini API serves `v1alpha`, `v1beta` and `v1`; Vertex AI serves `v1beta1` and `v1`.
public enum APIVersion: String, Sendable, CaseIterable {
    /// The stable API (both services).
    case v1
    /// The Gemini API's beta.
    case v1beta
    /// The Gemini API's alpha; the only one serving ephemeral tokens (`BidiGenerateContentConstrained`).
    case v1alpha
    /// Vertex AI's beta, the version the SDKs use there by default.
    case v1beta1

    /// Whether `backend` publishes this version.
    public func isServed(by backend: Backend) -> Bool {
        switch (self, backend) {
        case (.v1, _): true
        case (.v1beta, .geminiAPI), (.v1alpha, .geminiAPI): true
        case (.v1beta1, .vertexAI): true
        default: false
        }
    }

    /// The versions `backend` publishes, in declaration order (for error messages).
    public static func served(by backend: Backend) -> [APIVersion] {
        allCases.filter { $0.isServed(by: backend) }
    }
}
