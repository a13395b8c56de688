import GeminiLiveCLI
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

/// `--stats`: the per-turn latency table of frame recordings, one attempt per file, on stdout.
enum LatencyStats {
    /// Reads every recording first (a bad line ends the run with 65 before anything is printed), then prints
    /// the table in one write; a reader that closes stdout ends the run quietly.
    static func print(_ paths: [String], diagnostics: Diagnostics) throws(ToolError) {
        var attempts: [RecordedAttempt] = []
        for path in paths {
            let attempt = try Self.attempt(path)
            attempts.append(attempt.attempt)
            diagnostics.info(attempt.summary)
        }
        do {
            try Descriptor.writeAll(Array(LatencyTable(attempts).description.utf8), to: 1)
        } catch {
            throw ToolError(category: .write(errno: error.code), description: "stdout: \(error)")
        }
    }

    /// The turns of one recording, and the line `-v` prints about it.
    private static func attempt(_ path: String) throws(ToolError) -> (attempt: RecordedAttempt, summary: String) {
        let name = displayName(of: path)
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw ToolError(error)
        }
        let recording = try FrameRecording(ndjson: bytes, source: name) { MediaFolder(forCassette: path, header: $0) }
        guard !recording.frames.isEmpty else {
            throw ToolError(category: .badData, description: "\(name): no frames: not a frame recording")
        }
        let attempt = RecordedAttempt(recording)
        let connections = Set(recording.frames.map(\.connection)).count
        var summary =
            "\(name): \(recording.frames.count) frames, \(connections) connection\(connections == 1 ? "" : "s"), "
            + "\(attempt.turns.count) turn\(attempt.turns.count == 1 ? "" : "s")"
        if let code = attempt.closeCode { summary += ", closed with \(code)" }
        return (attempt, summary)
    }
}
