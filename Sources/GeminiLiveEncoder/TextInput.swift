import GeminiLiveMedia

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a text input file as one user turn.
enum TextInput {
    /// Text turns are prompts, not corpora; anything larger is almost surely the wrong file.
    static let maximumBytes = 8 << 20

    static func read(path: String) throws(EncodeError) -> String {
        let name = path == "-" ? "stdin" : path
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let kind: EncodeError.Kind = errno == ENOENT || errno == EACCES ? .noInput : .io
            throw EncodeError(kind: kind, description: "\(name): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw EncodeError(kind: .io, description: "\(name): read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > maximumBytes {
                throw EncodeError(kind: .badData, description: "\(name): text input is larger than 8 MiB")
            }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw EncodeError(kind: .badData, description: "\(name): not valid UTF-8 text")
        }
        // A file's final newline ends its last line; it is not part of the prompt.
        var trimmed = Substring(text)
        while let last = trimmed.last, last == "\n" || last == "\r\n" || last == "\r" { trimmed.removeLast() }
        guard !trimmed.allSatisfy(\.isWhitespace) else {
            throw EncodeError(kind: .badData, description: "\(name): text input is empty")
        }
        return String(trimmed)
    }
}
