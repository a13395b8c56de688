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
    /// A line read ahead (stdin's first line, once known not to be a setup), sent before the rest.
    public var pendingLine: NDJSONLine?
    private var ended = false

    /// Creates an input reading `fileDescriptor`, which the caller keeps open for the session.
    public init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        var info = stat()
        let type = fstat(fileDescriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        isStream = type == S_IFIFO || type == S_IFSOCK
    }

    /// Reads the first line and takes it as the base setup when it is a `setup` message.
    ///
    /// Any other first line is kept and sent first once the session runs.
    public mutating func takeSetupLine() throws(SessionSetupError) -> Setup? {
        let line: NDJSONLine?
        do {
            line = try nextLine()
        } catch {
            throw SessionSetupError(.noInput, error.description)
        }
        guard let line else { return nil }
        if let json = try? JSONParser.parse(line.bytes),
            let message = try? ClientMessage(json: Self.modelLeftOpen(json)),
            let setup = message.setup
        {
            return setup
        }
        pendingLine = line
        return nil
    }

    /// `json` with an empty `model` added to a setup that names none: a first setup line may leave the model to
    /// the flags, as the tutorial's browser page does (its setup carries only `generation_config`), and
    /// `SessionConfiguration` then fills it in from `--model`, `GEMINI_LIVE_MODEL` or the default.
    public static func modelLeftOpen(_ json: JSONValue) -> JSONValue {
        guard case .object(var message) = json, message.count == 1, case .object(var setup)? = message["setup"],
            setup["model"] == nil
        else { return json }
        setup.append("model", "")
        message["setup"] = .object(setup)
        return .object(message)
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
