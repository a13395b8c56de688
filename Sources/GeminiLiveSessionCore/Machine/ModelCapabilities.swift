import GeminiLiveProtocol

/// What a model accepts beyond the common protocol, by model name: the one place these rules live.
public enum ModelCapabilities {
    /// Whether the model takes `contextUpdate` (a new system instruction or tool list mid-session): the
    /// gemini-3.8-live family ("Update system instructions and tools during a session with Gemini 3.8 Live").
    /// The id is read by `ModelName`'s rule, for either backend's names.
    public static func acceptsContextUpdate(_ model: String) -> Bool {
        ModelName.id(in: model)?.hasPrefix("gemini-3.8-live") ?? false
    }
}
