/// The version every gemini-live tool reports for `--version`: they are released together.
public enum ToolVersion {
    /// The release, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
