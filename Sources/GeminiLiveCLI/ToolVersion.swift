import CBuildInfo

/// The version every gemini-live tool reports for `--version`: they are released together.
public enum ToolVersion {
    /// The release, e.g. `0.1.0`.
    public static let release = "0.1.0"

    /// The git commit the binary was built from (abbreviated, `-dirty` when the tree had changes); nil when it
    /// was built without `make`.
    public static let commit: String? = {
        let text = String(cString: gemini_live_build_commit())
        return text.isEmpty ? nil : text
    }()

    /// What `--version` prints: `0.1.0 (commit 1b18557)`, or the release alone when the commit is unknown.
    public static let current = commit.map { "\(release) (commit \($0))" } ?? release
}
