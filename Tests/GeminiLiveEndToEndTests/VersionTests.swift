import Foundation
import GeminiLiveTestSupport
import Testing

/// `--version` names the release and the commit the binary was built from, the same for every tool.
@Suite struct VersionTests {
    static let tools = [
        "gemini-live-encode", "gemini-live-decode", "gemini-live-session", "gemini-live-emulator", "gemini-live-test",
    ]

    /// The commit `make` compiled in (scripts/build-info.sh), or nil for a build without `make`.
    static func builtCommit() throws -> String? {
        let build = ToolRunner.binaryDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let header = build.appendingPathComponent("build-info/gemini_live_build_commit.h").path
        guard FileManager.default.fileExists(atPath: header) else { return nil }
        let text = try String(contentsOfFile: header, encoding: .utf8)
        let quoted = try #require(text.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first)
        return quoted.isEmpty ? nil : String(quoted)
    }

    @Test(arguments: tools) func printsTheReleaseAndCommit(_ tool: String) throws {
        let result = try ToolRunner.run(ToolRunner.tool(tool), ["--version"])
        #expect(result.status == 0)
        let expected = try Self.builtCommit().map { "0.1.0 (commit \($0))" } ?? "0.1.0"
        #expect(result.stdoutText == expected + "\n", "\(tool): \(result.stdoutText)")
    }

    /// What make compiles in is the checked-out commit: scripts/build-info.sh run into a scratch build folder.
    @Test func buildInfoNamesTheCheckedOutCommit() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let scratch = try TemporaryDirectory("build-info")
        let run = try ToolRunner.run("\(root)/scripts/build-info.sh", [scratch.path], currentDirectory: root)
        #expect(run.status == 0, "\(run.stderrText)")
        let header = try String(contentsOfFile: scratch.file("build-info/gemini_live_build_commit.h"), encoding: .utf8)
        let head = try ToolRunner.run("git", ["rev-parse", "--short=12", "HEAD"], currentDirectory: root)
        let commit = head.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(commit.count == 12)
        #expect(header.hasPrefix("#define GEMINI_LIVE_BUILD_COMMIT \"\(commit)"), "\(header)")
    }
}
