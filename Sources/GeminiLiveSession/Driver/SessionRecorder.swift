import GeminiLiveProtocol
import GeminiLiveSystem

/// Writes the cassette for `--record`: one `FrameRecorder` line per frame or close, both directions.
///
/// Message frames carry the parsed `message` (its text if it is not JSON); closes have `code` and `reason`,
/// drops `"frame":"drop"`. Resumption handles are replaced by `"<redacted>"`; the API key never appears in a frame.
public final class SessionRecorder: Sendable {
    private let file: FrameRecorder

    /// Creates (truncates) `path`, with `header` as its first line when given; one that cannot be created is
    /// an output error (73), as in every tool.
    public init(path: String, header: CassetteHeader? = nil) throws(SessionSetupError) {
        do {
            file = try FrameRecorder(path: path, header: header)
        } catch {
            throw SessionSetupError(.output(errno: error.code), "--record '\(path)': \(error)")
        }
    }

    /// Records one message frame.
    func record(direction: String, connection: Int, frame: [UInt8]) {
        guard !frame.isEmpty else { return }
        let message =
            (try? JSONParser.parse(frame)).map(Self.redacted) ?? .string(String(decoding: frame, as: UTF8.self))
        file.record(
            connection: connection, direction: direction, frame: direction == "client" ? "text" : "binary",
            ["message": message])
    }

    /// Records a close (`code` present) or a drop (`code` nil).
    func record(close connection: Int, code: Int?, reason: String, direction: String) {
        var fields: JSONObject = [:]
        if let code { fields["code"] = .number(JSONNumber(code)) }
        fields["reason"] = .string(reason)
        file.record(connection: connection, direction: direction, frame: code == nil ? "drop" : "close", fields)
    }

    /// Closes the file.
    func finish() {
        file.finish()
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
