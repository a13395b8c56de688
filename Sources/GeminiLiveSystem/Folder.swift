#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folders a tool writes into (`--split-turns`, `--media-dir`).
public enum Folder {
    /// Creates `path` and the folders above it, like `mkdir -p`; a folder that exists is fine, anything else
    /// there fails with ENOTDIR.
    public static func create(_ path: String) throws(SystemCallError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw SystemCallError(code: ENOTDIR) }
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try create(String(path[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .current }
    }
}
