import GeminiLiveProtocol

/// One message received from the server: the compact line written to stdout and, when it decodes, the message.
public struct ServerFrame: Sendable, Equatable {
    /// The compact JSON text, without a newline.
    public var line: [UInt8]
    /// The decoded message; nil when the JSON is valid but not a known server message shape.
    public var message: ServerMessage?

    /// Creates a frame from its parts.
    public init(line: [UInt8], message: ServerMessage?) {
        self.line = line
        self.message = message
    }

    /// Creates a frame from a decoded message (tests, emulated servers).
    public init(_ message: ServerMessage) {
        self.init(line: message.compactBytes, message: message)
    }

    /// Parses a frame's payload (pretty-printed or compact JSON); nil when it is not JSON at all.
    public init?(payload: some Collection<UInt8>) {
        guard let value = try? JSONParser.parse(payload) else { return nil }
        self.init(line: value.compactBytes, message: try? ServerMessage(json: value))
    }
}
