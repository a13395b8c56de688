import GeminiLiveProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the cassette for `--record`: one JSON line per frame or close, both directions, monotonic time.
///
/// Line shape: `{"time":1.234567,"connection":1,"direction":"client","frame":"text","message":{...}}`;
/// closes are `"frame":"close"` with `code` and `reason`, drops `"frame":"drop"`. Resumption handles are
/// replaced by `"<redacted>"`; the API key never appears in a frame.
public final class SessionRecorder: Sendable {
    private let writer: Mutex<LineWriter>
    private let fileDescriptor: Int32
    private let start = ContinuousClock.now

    /// Creates (truncates) `path`.
    public init(path: String) throws(SessionSetupError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SessionSetupError(.noInput, "--record '\(path)': \(String(cString: strerror(errno)))")
        }
        fileDescriptor = descriptor
        writer = Mutex(LineWriter(fileDescriptor: descriptor, policy: .everyLine))
    }

    /// Records one message frame.
    func record(direction: String, connection: Int, frame: [UInt8]) {
        guard !frame.isEmpty else { return }
        let message =
            (try? JSONParser.parse(frame)).map(Self.redacted) ?? .string(String(decoding: frame, as: UTF8.self))
        write([
            "connection": .number(JSONNumber(connection)), "direction": .string(direction),
            "frame": direction == "client" ? "text" : "binary", "message": message,
        ])
    }

    /// Records a close (`code` present) or a drop (`code` nil).
    func record(close connection: Int, code: Int?, reason: String, direction: String) {
        var object: JSONObject = [
            "connection": .number(JSONNumber(connection)), "direction": .string(direction),
            "frame": code == nil ? "drop" : "close",
        ]
        if let code { object["code"] = .number(JSONNumber(code)) }
        object["reason"] = .string(reason)
        write(object)
    }

    /// Flushes and closes the file.
    func finish() {
        writer.withLock { try? $0.flush() }
        close(fileDescriptor)
    }

    private func write(_ fields: JSONObject) {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var object: JSONObject = ["time": .number(JSONNumber((seconds * 1e6).rounded() / 1e6))]
        object.append(contentsOf: fields)
        let line = JSONValue.object(object).compactBytes
        writer.withLock { try? $0.write(line) }
    }

    /// `value` with every resumption handle replaced.
    static func redacted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                let secret =
                    ["handle", "newHandle", "new_handle"].contains(key) && member.stringValue?.isEmpty == false
                result.append(key, secret ? "<redacted>" : redacted(member))
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(redacted))
        default:
            return value
        }
    }
}
