import Foundation
import GeminiLiveTestSupport
import Testing

/// The same situation ends with the same exit status in every tool: each tool is run against the same
/// bad situations, and each situation has exactly one code.
@Suite("exit codes: one code per situation, in every tool")
struct ExitCodeAgreementTests {
    /// A situation, the code every tool must give for it, and how each tool meets it.
    struct Situation: CustomTestStringConvertible, Sendable {
        var name: String
        var status: Int32
        /// Tool name and arguments; `{dir}` is a scratch folder holding `folder/` and `folder.txt/` (directories),
        /// `junk.wav` (a line of text) and `empty.txt` (no text).
        var runs: [(tool: String, arguments: [String])]

        var testDescription: String { "\(name) → \(status)" }
    }

    /// A session that fails before it connects: the endpoint is never dialled.
    static let offline = ["--endpoint", "ws://127.0.0.1:9"]

    static let situations: [Situation] = [
        Situation(
            name: "missing input", status: 66,
            runs: [
                ("gemini-live-encode", ["{dir}/missing.wav"]),
                ("gemini-live-encode", ["{dir}/missing.txt"]),
                ("gemini-live-decode", ["--text", "-", "{dir}/missing.ndjson"]),
                ("gemini-live-session", offline + ["--input", "{dir}/missing.ndjson"]),
                ("gemini-live-session", offline + ["--setup", "{dir}/missing.json"]),
                ("gemini-live-session", ["--endpoint", "wss://127.0.0.1:9", "--ca-file", "{dir}/missing.pem"]),
                ("gemini-live-emulator", ["--script", "{dir}/missing.json"]),
                ("gemini-live-test", ["--stats", "{dir}/missing.ndjson"]),
            ]),
        Situation(
            name: "directory as input", status: 66,
            runs: [
                ("gemini-live-encode", ["{dir}/folder"]),
                ("gemini-live-encode", ["{dir}/folder.txt"]),
                ("gemini-live-decode", ["--text", "-", "{dir}/folder"]),
                ("gemini-live-session", offline + ["--input", "{dir}/folder"]),
                ("gemini-live-session", offline + ["--setup", "{dir}/folder"]),
                ("gemini-live-session", ["--endpoint", "wss://127.0.0.1:9", "--ca-file", "{dir}/folder"]),
                ("gemini-live-emulator", ["--script", "{dir}/folder"]),
                ("gemini-live-test", ["--stats", "{dir}/folder"]),
            ]),
        Situation(
            name: "input that is not what it should be", status: 65,
            runs: [
                ("gemini-live-encode", ["{dir}/junk.wav"]),
                ("gemini-live-encode", ["{dir}/empty.txt"]),
                // Input that holds nothing: a microphone that delivered no bytes, a log without a server message.
                ("gemini-live-encode", ["--raw", "--rate", "16000", "/dev/null"]),
                ("gemini-live-decode", ["--strict", "--text", "-", "{dir}/junk.wav"]),
                ("gemini-live-decode", ["--text", "-", "{dir}/empty.txt"]),
                ("gemini-live-session", offline + ["--setup", "{dir}/junk.wav"]),
                ("gemini-live-session", ["--endpoint", "wss://127.0.0.1:9", "--ca-file", "{dir}/junk.wav"]),
                ("gemini-live-emulator", ["--script", "{dir}/junk.wav"]),
                ("gemini-live-test", ["--stats", "{dir}/junk.wav"]),
                ("gemini-live-test", ["--stats", "{dir}/empty.txt"]),
            ]),
        Situation(
            name: "unwritable output", status: 73,
            runs: [
                ("gemini-live-decode", ["--wav", "{dir}/no/such/folder/reply.wav"]),
                ("gemini-live-session", offline + ["--record", "{dir}/no/such/folder/frames.ndjson"]),
                ("gemini-live-emulator", ["--log", "{dir}/no/such/folder/frames.ndjson"]),
            ]),
        Situation(
            name: "bad option value", status: 64,
            runs: [
                ("gemini-live-encode", ["--chunk-ms", "5", "--text", "hi"]),
                ("gemini-live-encode", ["--format", "s8", "--raw", "--rate", "16000"]),
                ("gemini-live-decode", ["--split-turns", "{dir}/turns", "--split-format", "mp3"]),
                ("gemini-live-session", offline + ["--api-version", "v9"]),
                ("gemini-live-session", offline + ["--transcribe", "everything"]),
                ("gemini-live-emulator", ["--port", "70000"]),
                ("gemini-live-test", ["--parallel", "0", "{dir}/junk.wav"]),
            ]),
    ]

    @Test(arguments: situations)
    func everyToolGivesTheSituationsCode(_ situation: Situation) throws {
        let tmp = try TemporaryDirectory("exit-codes")
        for folder in ["folder", "folder.txt"] {
            try FileManager.default.createDirectory(atPath: tmp.file(folder), withIntermediateDirectories: false)
        }
        try Data("this is not audio, JSON or PEM\n".utf8).write(to: URL(fileURLWithPath: tmp.file("junk.wav")))
        try Data("\n".utf8).write(to: URL(fileURLWithPath: tmp.file("empty.txt")))
        for run in situation.runs {
            let arguments = run.arguments.map { $0.replacingOccurrences(of: "{dir}", with: tmp.path) }
            let result = try ToolRunner.run(
                ToolRunner.tool(run.tool), arguments, environment: ["GEMINI_API_KEY": ""], timeout: 60)
            let command = ([run.tool] + run.arguments).joined(separator: " ")
            #expect(result.status == situation.status, "\(command): stderr: \(result.stderrText)")
            // Usage errors are ArgumentParser's own text; every other one is one line naming the tool.
            if situation.status != 64 {
                #expect(result.stderrText.hasPrefix("\(run.tool): "), "\(command): stderr: \(result.stderrText)")
                #expect(result.stderrText.split(separator: "\n").count == 1, "\(command): \(result.stderrText)")
            }
        }
    }
}
