import GeminiLiveProtocol

/// One input of client messages: stdin or a file/FIFO given with `--input`.
public struct InputSource: Sendable {
    /// The reader, possibly already advanced past a first line that was looked at.
    public var reader: NDJSONReader
    /// A line read ahead (stdin's first line, once known not to be a setup), sent before the rest.
    public var pendingLine: NDJSONLine?

    /// The name used in `name:LINE: problem` messages, e.g. `stdin`.
    public var name: String { reader.sourceName }

    /// Creates an input reading `fileDescriptor`, which the caller keeps open for the session.
    public init(fileDescriptor: Int32, name: String) {
        reader = NDJSONReader(fileDescriptor: fileDescriptor, sourceName: name)
    }

    /// Reads the first line and takes it as the base setup when it is a `setup` message.
    ///
    /// Any other first line is kept and sent first once the session runs.
    public mutating func takeSetupLine() throws(SessionSetupError) -> Setup? {
        let line: NDJSONLine?
        do {
            line = try reader.next()
        } catch {
            throw SessionSetupError(.noInput, error.description)
        }
        guard let line else { return nil }
        if let json = try? JSONParser.parse(line.bytes), let message = try? ClientMessage(json: json),
            let setup = message.setup
        {
            return setup
        }
        pendingLine = line
        return nil
    }
}
