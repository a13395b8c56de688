import GeminiLiveSystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file that report lines are appended to as they come (`--results`), each in one write, so an interrupted
/// run keeps every attempt it finished and two runs appending to one file never mix halves of lines.
public final class ResultsFile: Sendable {
    private let descriptor: Mutex<Int32>
    private let path: String
    private let failure = Mutex<ToolError?>(nil)

    /// Opens `path` for appending, creating it; one that cannot be opened is an output error (73).
    public init(appendingTo path: String) throws(ToolError) {
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw ToolError(category: .cannotCreate, description: "\(path): \(SystemCallError.current)")
        }
        self.path = path
        descriptor = Mutex(opened)
    }

    deinit { descriptor.withLock { if $0 >= 0 { close($0) } } }

    /// Appends bytes that end in a newline; the first failure is kept for `finish()`.
    public func append(_ line: [UInt8]) {
        descriptor.withLock { fd in
            do throws(SystemCallError) {
                try Descriptor.writeAll(line, to: fd)
            } catch {
                failure.withLock { $0 = $0 ?? ToolError(category: .io, description: "\(path): \(error)") }
            }
        }
    }

    /// Closes the file; throws the first write that failed.
    public func finish() throws(ToolError) {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Writes `text` to `path` in one go, replacing it (`--junit`).
    public static func write(_ text: String, to path: String) throws(ToolError) {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else {
            throw ToolError(category: .cannotCreate, description: "\(path): \(SystemCallError.current)")
        }
        defer { close(file) }
        do throws(SystemCallError) {
            try Descriptor.writeAll(Array(text.utf8), to: file)
        } catch {
            throw ToolError(category: .io, description: "\(path): \(error)")
        }
    }
}
