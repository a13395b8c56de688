/// The versions of the Live API the service publishes, as they appear in the WebSocket path.
///
/// One list for the client's `--api-version` and the emulator's routes, so both accept the same paths.
public enum APIVersion: String, Sendable, CaseIterable {
    /// The stable API.
    case v1
    /// The beta API.
    case v1beta
    /// The alpha API; the only one serving ephemeral tokens (`BidiGenerateContentConstrained`).
    case v1alpha
}
