import GeminiLiveProtocol
import GeminiLiveSystem

extension ToolError {
    /// A failed write of the encoder's output, which always goes to stdout: the text says so.
    init(_ error: LineWriterError) {
        self.init(category: error.category, description: "stdout: \(error.description)")
    }
}
