import Foundation

/// Collects tool output for the schema check that `make test` runs after the tests.
///
/// When `GEMINI_LIVE_SCHEMA_LOG` names a folder, each captured stdout is stored there as
/// `client-<uuid>.ndjson` or `server-<uuid>.ndjson`; `scripts/validate-schema.py` then parses
/// every line with Google's schema.
public enum SchemaLog {
    /// The folder, or nil when not collecting.
    public static let directory = ProcessInfo.processInfo.environment["GEMINI_LIVE_SCHEMA_LOG"]

    /// Stores `lines` (NDJSON) as messages of `kind` ("client" or "server").
    public static func record(_ lines: Data, kind: String) {
        guard let directory, !lines.isEmpty else { return }
        let url = URL(fileURLWithPath: directory).appendingPathComponent("\(kind)-\(UUID().uuidString).ndjson")
        try? lines.write(to: url)
    }
}
