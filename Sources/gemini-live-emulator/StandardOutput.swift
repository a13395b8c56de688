#if canImport(Glibc)
    import Glibc
#endif

/// Writes whole lines to stdout with write(2), so a reader sees each line at once.
enum StandardOutput {
    static func writeLine(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(1, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
