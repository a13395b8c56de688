#if canImport(Glibc)
    import Glibc
#endif

/// Writes one whole line to a descriptor with write(2), retrying partial writes and EINTR.
///
/// One call per line, so a reader on a pipe sees each line at once and lines from
/// concurrent writers do not interleave. Failures are ignored: this is for diagnostics and
/// status lines, where there is nowhere left to report them.
public enum LineOutput {
    /// Writes `text` and a newline to `fileDescriptor` (1 = stdout, 2 = stderr).
    public static func write(_ text: String, to fileDescriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fileDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
