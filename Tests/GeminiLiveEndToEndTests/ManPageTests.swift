import Foundation
import GeminiLiveTestSupport
import Testing

/// Documented behaviour is tested behaviour: the man pages must keep up with `--help`.
@Suite("man pages")
struct ManPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(
        "every option in --help and every exit code appears in the tool's man page",
        arguments: ["gemini-live-encode", "gemini-live-decode"])
    func optionsDocumented(tool: String) throws {
        let help = try ToolRunner.run(ToolRunner.tool(tool), ["--help"]).stdoutText
        let page = try String(contentsOf: Self.repository.appendingPathComponent("man/\(tool).1"), encoding: .utf8)
            .replacingOccurrences(of: "\\-", with: "-")
        let options = Set(help.matches(of: /--[a-z][a-z0-9-]+/).map { String($0.output) })
        #expect(options.count > 10)
        for option in options.sorted() {
            #expect(page.contains(option), "\(tool).1 does not document \(option)")
        }
        for code in ["64", "65", "66", "74"] {
            #expect(page.contains(code), "\(tool).1 does not document exit status \(code)")
        }
    }
}
