import Foundation
import GeminiLiveTestSupport
import Testing

/// gemini-live-session(1) must keep up with `--help`.
@Suite("session: man page")
struct SessionManPageTests {
    @Test("every option in --help and every exit code appears in gemini-live-session.1")
    func optionsDocumented() throws {
        let help = try ToolRunner.run(ToolRunner.tool("gemini-live-session"), ["--help"]).stdoutText
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(
            contentsOf: repository.appendingPathComponent("man/gemini-live-session.1"), encoding: .utf8
        ).replacingOccurrences(of: "\\-", with: "-")
        let options = Set(help.matches(of: /--[a-z][a-z0-9-]+/).map { String($0.output) })
        #expect(options.count > 30)
        for option in options.sorted() {
            #expect(page.contains(option), "gemini-live-session.1 does not document \(option)")
        }
        for code in ["64", "65", "66", "69", "74", "75", "76", "77", "78"] {
            #expect(page.contains(".B \(code)\n"), "gemini-live-session.1 does not document exit status \(code)")
            #expect(help.contains("  \(code) "), "--help does not list exit status \(code)")
        }
    }
}
