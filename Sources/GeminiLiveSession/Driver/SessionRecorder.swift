import GeminiLiveProtocol
import GeminiLiveSystem

/// Writes the cassette for `--record`: a `CassetteHeader` line, then one `FrameRecorder` line per frame or close,
/// both directions.
///
/// Message frames carry the parsed `message` (its text if it is not JSON); closes have `code` and `reason`,
/// drops `"frame":"drop"`. Everything passes through the redactor on its way to the file, so the file never
/// holds a secret; the header's `redacted` lists the redactor's names. With a media folder, payloads become
/// references to its side files.
public final class SessionRecorder: Sendable {
    private let file: FrameRecorder
    private let redactor: SecretRedactor
    private let media: MediaFolder?

    /// Creates (truncates) `path`; one that cannot be created is an output error (73), as in every tool.
    ///
    /// - Parameters:
    ///   - header: the first line; without one the file holds frames only.
    ///   - redactor: what to replace; by default the fixed rules and resumption handles. Register the session's
    ///     key with `add(credentialsOf:)` so that it is replaced wherever it shows.
    ///   - media: where audio, image and video payloads go (`--media-dir`), created if need be; inline without.
    public init(
        path: String, header: CassetteHeader? = nil, redactor: SecretRedactor = SecretRedactor(),
        media: MediaFolder? = nil
    ) throws(SessionSetupError) {
        self.redactor = redactor
        self.media = media
        var header = header
        header?.redacted = redactor.names
        header?.media = media?.headerName(forCassette: path)
        if let media {
            do {
                try media.create()
            } catch {
                throw SessionSetupError(.output(errno: error.code), "--media-dir '\(media.path)': \(error)")
            }
        }
        do {
            file = try FrameRecorder(path: path, header: header)
        } catch {
            throw SessionSetupError(.output(errno: error.code), "--record '\(path)': \(error)")
        }
    }

    /// Records one message frame.
    func record(direction: String, connection: Int, frame: [UInt8]) {
        guard !frame.isEmpty else { return }
        var message =
            (try? JSONParser.parse(frame)).map(redactor.redacting)
            ?? .string(redactor.redacting(String(decoding: frame, as: UTF8.self)))
        if let media { message = media.externalising(message) }
        file.record(
            connection: connection, direction: direction, frame: direction == "client" ? "text" : "binary",
            ["message": message])
    }

    /// Records a close (`code` present) or a drop (`code` nil).
    func record(close connection: Int, code: Int?, reason: String, direction: String) {
        var fields: JSONObject = [:]
        if let code { fields["code"] = .number(JSONNumber(code)) }
        fields["reason"] = .string(redactor.redacting(reason))
        file.record(connection: connection, direction: direction, frame: code == nil ? "drop" : "close", fields)
    }

    /// Closes the file.
    func finish() {
        file.finish()
    }
}
