import GeminiLiveProtocol
import HummingbirdWebSocket

/// One client WebSocket message as a connection reads it, emulated or replayed: its bytes and its frame kind.
struct ClientFrame {
    /// The message's bytes (a text frame's UTF-8).
    let bytes: [UInt8]
    /// `text` or `binary`, as the log names it.
    let kind: String

    init(_ message: WebSocketMessage) {
        switch message {
        case .text(let text):
            bytes = Array(text.utf8)
            kind = "text"
        case .binary(let buffer):
            bytes = Array(buffer.readableBytesView)
            kind = "binary"
        }
    }

    /// Writes the frame to `log`: `json` when the bytes parse (the caller has parsed them, or would), else the
    /// text as `raw`, since a client frame is logged as received, before validation.
    func record(in log: FrameLog, connection: Int, json: JSONValue?) {
        if let json {
            log.record(connection: connection, direction: "client", frame: kind, message: json)
        } else {
            log.record(
                connection: connection, direction: "client", frame: kind, raw: String(decoding: bytes, as: UTF8.self))
        }
    }
}
