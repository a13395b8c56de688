import Foundation

/// A scratch folder for one test; removed on deinit unless `GEMINI_LIVE_KEEP_TMP` is set.
public final class TemporaryDirectory: Sendable {
    /// The folder's path.
    public let path: String

    /// Creates an empty folder under the system temp directory.
    public init(_ label: String = "test") throws {
        let base = NSTemporaryDirectory() + "gemini-live-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    /// A path inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    deinit {
        if ProcessInfo.processInfo.environment["GEMINI_LIVE_KEEP_TMP"] == nil {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
