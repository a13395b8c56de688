/// A file a scenario names (audio, a picture, a system instruction, tool declarations), kept as written with
/// its place, so that a missing file can be reported where it was named.
public struct FileReference: Sendable, Equatable {
    /// The path as written; relative paths are relative to the scenario's folder.
    public var path: String
    /// Where the path was written.
    public var location: FileLocation

    /// Creates a reference.
    public init(path: String, location: FileLocation) {
        self.path = path
        self.location = location
    }

    /// The path to open: as written when absolute, else inside `folder` (the scenario file's folder).
    public func resolved(in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : "\(folder)/\(path)"
    }
}
