import GeminiLiveProtocol

/// One input value after parsing, ready for the turn assembler: the part of decoding that can run in parallel.
enum ParsedMessage: Sendable {
    /// A server message.
    case server(ServerMessage)
    /// A server message holding nothing but one audio chunk, kept unbuilt: its bytes are `pcm` in the PCM
    /// buffer of the batch the value came in (see `ParallelMessageDecoder`).
    case audio(mimeType: String, pcm: Range<Int>)
    /// Another message the fast path recognised, kept unbuilt: its bytes are `value` in the batch's input, and
    /// the audio of its inline data parts, in order, `audio` in the batch's PCM buffer.
    case media(ServerMediaMessage, value: Range<Int>, audio: [Range<Int>])
    /// A client message (logs often hold both directions): skipped.
    case client
    /// Not usable: the problem, without the `source:line:` prefix.
    case problem(String)

    private static let clientKeys: Set<String> = [
        "setup", "clientContent", "client_content", "realtimeInput", "realtime_input", "toolResponse", "tool_response",
    ]

    /// Classifies and decodes a parsed JSON value.
    init(_ value: JSONValue) {
        guard case .object(let object) = value else {
            self = .problem("not a JSON object, so not a server message")
            return
        }
        if object.keys.contains(where: { Self.clientKeys.contains($0) }) {
            self = .client
            return
        }
        do {
            self = .server(try ServerMessage(json: value))
        } catch {
            self = .problem(error.description)
        }
    }

    /// Parses one value (as cut by `JSONValueSplitter`, starting at `line` and `column`) and decodes it.
    init(value: UnsafeRawBufferPointer, line: Int, column: Int) {
        do {
            self.init(try JSONParser.parse(value))
        } catch {
            self = .problem(JSONValueSplitter.describe(error, in: value, line: line, column: column))
        }
    }
}
