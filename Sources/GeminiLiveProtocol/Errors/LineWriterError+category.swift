import GeminiLiveSystem

/// A closed pipe ends a run quietly; any other failed write is an I/O error.
extension LineWriterError: CategorisedError {
    public var category: ToolErrorCategory {
        switch self {
        case .brokenPipe: .outputClosed
        case .io: .io
        }
    }
}
