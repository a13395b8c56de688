import GeminiLiveSystem

/// Writes one whole line to a descriptor with a single write-all, so it is never split.
///
/// One call per line, so a reader on a pipe sees each line at once and lines from
/// concurrent writers do not interleave. Failures are ignored: this is for diagnostics and
/// status lines, where there is nowhere left to report them.
public enum LineOutput {
    /// Writes `text` and a newline to `fileDescriptor` (1 = stdout, 2 = stderr).
    public static func write(_ text: String, to fileDescriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try? Descriptor.writeAll(bytes, to: fileDescriptor)
    }
}
