import GeminiLiveProtocol

/// The `--log` file, a cassette: a `CassetteHeader` line (the emulator's version and when it started), then one
/// `FrameRecorder` line per frame, both directions, written line by line.
///
/// The header names no host, API version or model: one emulator serves connections on every version with any
/// model, and each connection's setup says which.
///
/// Message frames carry `message`; closes add `"code"` and `"reason"`; a dropped connection is
/// `"frame":"drop"`. Client frames are logged as received, before validation; a client frame that is
/// not JSON is logged with its text as `"raw"`.
public final class FrameLog: Sendable {
    private let file: FrameRecorder

    /// Opens (truncating) the log file; one that cannot be created is an output error (73).
    public init(path: String, version: String? = nil) throws(EmulatorError) {
        do {
            file = try FrameRecorder(
                path: path, header: CassetteHeader(tool: version, recorded: CassetteHeader.timestamp()))
        } catch {
            throw EmulatorError(.output(errno: error.code), "cannot create log file '\(path)': \(error)")
        }
    }

    /// Records one frame.
    public func record(
        connection: Int, direction: String, frame: String, message: JSONValue? = nil, raw: String? = nil,
        code: UInt16? = nil, reason: String? = nil
    ) {
        var fields = JSONObject()
        if let message { fields.append("message", message) }
        if let raw { fields.append("raw", .string(raw)) }
        if let code { fields.append("code", .number(JSONNumber(Int(code)))) }
        if let reason { fields.append("reason", .string(reason)) }
        file.record(connection: connection, direction: direction, frame: frame, fields)
    }
}
