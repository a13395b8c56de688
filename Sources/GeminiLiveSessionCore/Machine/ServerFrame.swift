import GeminiLiveProtocol

/// One message received from the server: the compact line written to stdout and, when it decodes, the message.
public struct ServerFrame: Sendable, Equatable {
    /// The compact JSON text, without a newline.
    public var line: [UInt8]
    /// The decoded message; nil when the JSON is valid but not a known server message shape.
    ///
    /// Frames read from the socket are decoded without `serverContent.modelTurn` (left nil): the session
    /// relays model output in `line` and never reads it, and decoding it (base64 audio) would cost more
    /// than the rest of the relay.
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

    /// Reads a frame's payload (pretty-printed or compact JSON); nil when it is not JSON at all.
    ///
    /// The line keeps the server's bytes, only without the whitespace between tokens.
    public init?(payload: some Collection<UInt8>) {
        let compacted =
            payload.withContiguousStorageIfAvailable { CompactServerText(UnsafeRawBufferPointer($0)) }
            ?? Array(payload).withUnsafeBytes { CompactServerText($0) }
        guard let compacted else { return nil }
        // Nearly every frame of a reply: model output with at most transcriptions and turn flags beside it, read
        // without a tree and without decoding the output.
        let recognised = compacted.bytes.withUnsafeBytes { value in
            ServerMediaMessage(value)?.messageOmittingModelTurn(in: value)
        }
        if let recognised {
            self.init(line: compacted.bytes, message: recognised)
            return
        }
        let decoded = try? JSONParser.parse(compacted.withoutModelTurn)
        self.init(line: compacted.bytes, message: decoded.flatMap { try? ServerMessage(json: $0) })
    }
}
