/// The two services that speak the Live protocol, whose wire shapes and rules differ in small ways.
///
/// One type for the session (which host, auth and setup rules apply) and the emulator (which shapes it
/// sends), so both sides agree on what "Vertex" means.
public enum Backend: String, Sendable, CaseIterable {
    /// The Gemini API (`generativelanguage.googleapis.com`, `google.ai.generativelanguage.*.GenerativeService`).
    case geminiAPI = "gemini-api"
    /// Vertex AI (`*aiplatform.googleapis.com`, `google.cloud.aiplatform.*.LlmBidiService`).
    case vertexAI = "vertex-ai"
}
