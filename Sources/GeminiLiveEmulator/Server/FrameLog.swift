import GeminiLiveProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The `--log` file: one JSON object per frame, both directions, written and flushed line by line.
///
/// `{"time":1.234,"connection":1,"direction":"client","frame":"text","message":{...}}`; closes add
/// `"code"` and `"reason"`; a dropped connection is `"frame":"drop"`. Client frames are logged as received,
/// before validation; a client frame that is not JSON is logged with its text as `"raw"`.
public final class FrameLog: Sendable {
    private let descriptor: Int32
    private let start: ContinuousClock.Instant
    private let lock = Mutex<Void>(())

    /// Opens (truncating) the log file.
    public init(path: String) throws(EmulatorError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw EmulatorError("cannot create log file '\(path)': \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        start = .now
    }

    deinit { close(descriptor) }

    /// Records one frame.
    public func record(
        connection: Int, direction: String, frame: String, message: JSONValue? = nil, raw: String? = nil,
        code: UInt16? = nil, reason: String? = nil
    ) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var object = JSONObject()
        object.append("time", .number(JSONNumber((seconds * 1_000_000).rounded() / 1_000_000)))
        object.append("connection", .number(JSONNumber(connection)))
        object.append("direction", .string(direction))
        object.append("frame", .string(frame))
        if let message { object.append("message", message) }
        if let raw { object.append("raw", .string(raw)) }
        if let code { object.append("code", .number(JSONNumber(Int(code)))) }
        if let reason { object.append("reason", .string(reason)) }
        var line = JSONValue.object(object).compactBytes
        line.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            line.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
