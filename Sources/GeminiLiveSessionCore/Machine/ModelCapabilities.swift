/// What a model accepts beyond the common protocol, by model name: the one place these rules live.
public enum ModelCapabilities {
    /// The model id without its resource path: `models/gemini-3.8-live` and
    /// `projects/p/locations/l/publishers/google/models/gemini-3.8-live` both give `gemini-3.8-live`.
    public static func modelID(_ model: String) -> Substring {
        model.split(separator: "/").last ?? Substring(model)
    }

    /// Whether the model takes `contextUpdate` (a new system instruction or tool list mid-session): the
    /// gemini-3.8-live family ("Update system instructions and tools during a session with Gemini 3.8 Live").
    public static func acceptsContextUpdate(_ model: String) -> Bool {
        modelID(model).hasPrefix("gemini-3.8-live")
    }
}
