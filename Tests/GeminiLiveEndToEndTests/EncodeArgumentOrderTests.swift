import Foundation
import GeminiLiveTestSupport
import Testing

/// The encoder keeps inputs in command-line order by scanning argv itself, so the value of every option
/// that takes one must be known not to be a file. These tests hold that for every such option in `--help`.
@Suite("encode: no option's value is read as an input")
struct EncodeArgumentOrderTests {
    /// For each value-taking option: arguments that give it a valid value, plus whatever it needs beside it.
    /// A value misread as a file would be opened as an input and end the run with 66.
    static let validUses: [String: [String]] = [
        "--chunk-ms": ["--chunk-ms", "20"],
        "--rate": ["--raw", "--rate", "16000"],
        "--channels": ["--raw", "--rate", "16000", "--channels", "1"],
        "--format": ["--raw", "--rate", "16000", "--format", "s16le"],
        "--silence": ["--silence", "0"],
        "--speed": ["--speed", "1000"],
        "--fps": ["--fps", "1"],
        "--source-fps": ["--mjpeg", "{clip}", "--source-fps", "5"],
        "--mjpeg": ["--mjpeg", "{clip}"],
        "--text": ["--text", "first"],
        "--system": ["--context-update", "--system", "Be brief."],
        "--tools": ["--context-update", "--tools", "{tools}"],
    ]

    @Test func everyValueOptionInHelpIsCovered() throws {
        let help = try ToolRunner.run(ToolRunner.tool("gemini-live-encode"), ["--help"]).stdoutText
        let options = Set(help.matches(of: /(--[a-z][a-z0-9-]*) </).map { String($0.output.1) })
        #expect(options.count > 5)
        #expect(options == Set(Self.validUses.keys), "update validUses for the options --help lists")
    }

    @Test(arguments: validUses.keys.sorted())
    func theOptionsValueIsNotAnInput(option: String) throws {
        let tmp = try TemporaryDirectory("argument-order")
        let clip = tmp.file("clip.mjpeg")
        try MediaFactory.ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-frames:v", "2", "-f", "mjpeg", clip,
        ])
        let tools = tmp.file("tools.json")
        try Data(#"[{"name":"get_time"}]"#.utf8).write(to: URL(fileURLWithPath: tools))
        let arguments =
            Self.validUses[option, default: []].map { $0 == "{clip}" ? clip : $0 == "{tools}" ? tools : $0 }
            + ["--text", "last"]
        // Run from the scratch folder, where a value taken for a file name finds no file.
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-encode"), arguments, stdin: Data(), currentDirectory: tmp.path, timeout: 60)
        #expect(result.status == 0, "\(arguments): \(result.stderrText)")
        #expect(result.stdoutText.hasSuffix("\"text\":\"last\"}]}],\"turnComplete\":true}}\n"), "\(result.stdoutText)")
    }
}
