import Foundation
import GeminiLiveProtocol
import GeminiLiveTestSupport
import Testing

/// `--context-update`: `--system` and `--tools` become contextUpdate lines in argv order, read the way the
/// session reads its own `--system @FILE` and `--tools FILE`.
@Suite("encode: contextUpdate lines")
struct EncodeContextUpdateTests {
    func encode(_ arguments: [String], in folder: TemporaryDirectory) throws -> ProcessResult {
        try ToolRunner.run(
            ToolRunner.tool("gemini-live-encode"), arguments, stdin: Data(), currentDirectory: folder.path,
            timeout: 60)
    }

    func messages(_ result: ProcessResult) throws -> [ClientMessage] {
        try result.stdoutText.split(separator: "\n").map { try ClientMessage(line: Array($0.utf8)) }
    }

    @Test("updates sit between the turns where they were typed; a --system beside a --tools is one line")
    func orderAndJoining() throws {
        let tmp = try TemporaryDirectory("context-update")
        try Data(#"[{"name":"get_time","description":"The time now"}]"#.utf8).write(
            to: URL(fileURLWithPath: tmp.file("tools.json")))
        try Data("Answer in French.\n".utf8).write(to: URL(fileURLWithPath: tmp.file("system.txt")))
        let result = try encode(
            [
                "--text", "one", "--context-update", "--system", "@system.txt", "--tools", "tools.json", "--text",
                "two", "--system", "Be brief.", "--text", "three",
            ], in: tmp)
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = try messages(result)
        #expect(
            lines.map(\.kind.fieldName) == [
                "clientContent", "contextUpdate", "clientContent", "contextUpdate", "clientContent",
            ])
        let first = try #require(lines[1].contextUpdate)
        #expect(first.systemInstruction?.parts.first?.text == "Answer in French.")
        #expect(
            first.tools == [["functionDeclarations": [["name": "get_time", "description": "The time now"]]]])
        #expect(
            result.stdoutText.contains(
                #"{"contextUpdate":{"systemInstruction":{"parts":[{"text":"Answer in French."}]},"tools":{"tools":[{"functionDeclarations""#
            ))
        #expect(lines[3].contextUpdate?.tools == nil)
        #expect(lines[3].contextUpdate?.systemInstruction?.parts.first?.text == "Be brief.")
    }

    @Test("--system without --context-update, and --context-update alone, are usage errors (64)")
    func usage() throws {
        let tmp = try TemporaryDirectory("context-update-usage")
        let bare = try encode(["--system", "x", "--text", "hi"], in: tmp)
        #expect(bare.status == 64)
        #expect(bare.stderrText.contains("add --context-update"))
        #expect(bare.stdout.isEmpty)
        let empty = try encode(["--context-update", "--text", "hi"], in: tmp)
        #expect(empty.status == 64)
        #expect(empty.stderrText.contains("--context-update needs --system"))
    }

    @Test("a tools file that is not JSON is 65 and names the file; one that is missing is 66")
    func badToolsFile() throws {
        let tmp = try TemporaryDirectory("context-update-bad")
        try Data("{\n".utf8).write(to: URL(fileURLWithPath: tmp.file("broken.json")))
        let broken = try encode(["--text", "hi", "--context-update", "--tools", "broken.json"], in: tmp)
        #expect(broken.status == 65)
        #expect(broken.stderrText.hasPrefix("gemini-live-encode: broken.json: not JSON"), "\(broken.stderrText)")
        #expect(broken.stderrText.split(separator: "\n").count == 1)
        // The turn before the bad file was written and stays valid.
        #expect(try messages(broken).map(\.kind.fieldName) == ["clientContent"])
        let missing = try encode(["--context-update", "--tools", "absent.json"], in: tmp)
        #expect(missing.status == 66)
        #expect(missing.stderrText.contains("absent.json"))
    }
}
