import Foundation
import GeminiLiveTestSupport

/// A running `gemini-live-emulator` for session tests: started on port 0, stopped on deinit.
final class SessionEmulator: @unchecked Sendable {
    // @unchecked: `process` is only touched by init and deinit.
    let url: String
    let logPath: String
    let directory: TemporaryDirectory
    private let process: Process

    init(_ arguments: [String] = []) throws {
        directory = try TemporaryDirectory("session")
        logPath = directory.file("emulator.ndjson")
        process = Process()
        process.executableURL = URL(fileURLWithPath: ToolRunner.tool("gemini-live-emulator"))
        process.arguments = ["--port", "0", "--log", logPath] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        url = String(decoding: line, as: UTF8.self)
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// The emulator's frame log, one object per line.
    func log() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The client messages (setup excluded) the emulator received, in order, as (connection, message).
    func clientMessages() throws -> [(connection: Int, message: [String: Any])] {
        try log().compactMap { entry in
            guard entry["direction"] as? String == "client", let message = entry["message"] as? [String: Any],
                message["setup"] == nil, let connection = entry["connection"] as? Int
            else { return nil }
            return (connection, message)
        }
    }

    /// Runs `gemini-live-session` against this emulator.
    func session(
        _ arguments: [String], stdin: Data? = nil, timeout: Double = 60, schemaKind: String? = nil
    ) throws -> ProcessResult {
        try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--endpoint", url] + arguments, stdin: stdin, timeout: timeout,
            schemaKind: schemaKind)
    }

    /// Runs a shell script with `$URL` set to this emulator and the tools on PATH.
    func shell(_ script: String, timeout: Double = 60) throws -> ProcessResult {
        try ToolRunner.shell("URL='\(url)'\n" + script, timeout: timeout)
    }
}

/// Helpers for session lines.
enum SessionLines {
    /// A user text turn.
    static func turn(_ text: String) -> String {
        #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"\#(text)"}]}],"turnComplete":true}}"#
    }

    /// stdout lines as JSON objects.
    static func objects(_ result: ProcessResult) -> [[String: Any]] {
        result.stdoutLines.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// How many stdout lines carry `serverContent.turnComplete`.
    static func turnCompletes(_ result: ProcessResult) -> Int {
        objects(result).filter { ($0["serverContent"] as? [String: Any])?["turnComplete"] as? Bool == true }.count
    }

    /// The `realtimeInput.text` (or first clientContent text) of each client message, in arrival order.
    static func texts(_ messages: [(connection: Int, message: [String: Any])]) -> [String] {
        messages.compactMap { entry in
            if let text = (entry.message["realtimeInput"] as? [String: Any])?["text"] as? String { return text }
            let turns = (entry.message["clientContent"] as? [String: Any])?["turns"] as? [[String: Any]]
            return (turns?.first?["parts"] as? [[String: Any]])?.first?["text"] as? String
        }
    }
}
