import GeminiLiveProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// One input of client messages: stdin or a file/FIFO given with `--input`.
public struct InputSource: Sendable {
    /// The descriptor read; the caller keeps it open for the session.
    public let fileDescriptor: Int32
    /// The name used in `name:LINE: problem` messages, e.g. `stdin`.
    public let name: String
    /// Whether the event loop can watch it (a pipe, FIFO or socket); regular files, ttys and devices are
    /// read on a thread instead (epoll cannot watch a regular file, and a tty made non-blocking would
    /// stay so for the shell).
    let isStream: Bool
    /// Bytes read but not yet cut into lines (the first line's read may bring more).
    var splitter = NDJSONSplitter()
    private var ended = false

    /// Creates an input reading `fileDescriptor`, which the caller keeps open for the session.
    public init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        var info = stat()
        let type = fstat(fileDescriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        isStream = type == S_IFIFO || type == S_IFSOCK
    }

    /// The next line, blocking until it is read; nil at the end of input.
    mutating func nextLine() throws(StreamReadError) -> NDJSONLine? {
        while true {
            if let line = splitter.next() { return line }
            if ended { return nil }
            guard try readChunk() else {
                ended = true
                return splitter.finish()
            }
        }
    }

    /// Reads what is there (blocking) into the splitter; false at the end of input.
    private mutating func readChunk() throws(StreamReadError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                splitter.append(chunk[0..<count])
                return true
            }
            if count == 0 { return false }
            if errno != EINTR { throw StreamReadError(source: name, code: errno) }
        }
    }
}
