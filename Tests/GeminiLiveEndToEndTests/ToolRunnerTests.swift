import Foundation
import GeminiLiveTestSupport
import Testing

/// The test runner's own guard: a hang must fail a test, not stall the whole run.
@Suite("test runner: timeouts")
struct ToolRunnerTests {
    @Test("a pipeline that hangs is killed whole at its timeout, its children included")
    func hungPipeline() throws {
        // `sleep` holds the output pipe open: killing only bash would leave the runner waiting for it.
        let result = try ToolRunner.shell("sleep 60 | cat", timeout: 1)
        #expect(result.status == 128 + 9)
        #expect(result.seconds < 30, "took \(result.seconds) s")
    }
}
