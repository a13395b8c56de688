/// Why a whole file could not be read; the category follows the one errno classification for inputs.
public struct FileReadError: CategorisedError, Equatable {
    /// What went wrong.
    public enum Failure: Sendable, Equatable {
        /// open(2) failed.
        case open(SystemCallError)
        /// read(2) failed (EISDIR when the path is a directory).
        case read(SystemCallError)
        /// The file holds more than the caller's limit.
        case tooLarge(limit: Int)
    }

    /// The path as given (`-` for stdin).
    public let path: String
    /// What went wrong.
    public let failure: Failure

    /// Creates an error.
    public init(path: String, failure: Failure) {
        self.path = path
        self.failure = failure
    }

    public var category: ToolErrorCategory {
        switch failure {
        case .open(let error), .read(let error): .input(errno: error.code)
        case .tooLarge: .badData
        }
    }

    /// The failure without the path, for callers that name the file their own way (`--setup 'x.json': …`).
    public var reason: String {
        switch failure {
        case .open(let error): "cannot open: \(error)"
        case .read(let error): "read failed: \(error)"
        case .tooLarge(let limit): "larger than \(Self.size(limit))"
        }
    }

    public var description: String { "\(displayName(of: path)): \(reason)" }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
