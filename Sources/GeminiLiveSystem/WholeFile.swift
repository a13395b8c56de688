#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file given on the command line: scripts, setups, tool lists, key files, text turns.
public enum WholeFile {
    /// The bytes of `path` (`-` reads stdin to its end), at most `limit` of them.
    ///
    /// A path that names a directory fails on the first read (Linux opens directories for reading),
    /// which classifies it as an unusable input like a missing file.
    public static func read(_ path: String, limit: Int = .max) throws(FileReadError) -> [UInt8] {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, failure: .open(.current)) }
        defer { if descriptor != 0 { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, failure: .read(.current))
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > limit { throw FileReadError(path: path, failure: .tooLarge(limit: limit)) }
        }
    }
}
