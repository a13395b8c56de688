#if canImport(Glibc)
    import Glibc
#endif
import GeminiLiveMedia
import GeminiLiveSystem

/// One sound file per model turn in a folder: `turn-0001.wav`, `turn-0002-interrupted.wav`, ...
///
/// Numbers follow the turn count, so a text-only turn leaves a gap rather than shifting every
/// later file: regression scripts can compare turn N with turn N. A turn that ended with
/// `interrupted` is renamed with `-interrupted` once that is known; one cut off by the end of
/// the stream gets `-incomplete`.
final class TurnFileSink: AudioSink {
    private let directory: String
    private let fileExtension: String
    private let fixedRate: Int?
    private var current: SoundFileSink?
    private var currentPath: String?
    private var turn = 1

    init(directory: String, fileExtension: String, rate: Int?) throws(ToolError) {
        do {
            try Folder.create(directory)
        } catch  where error.code == ENOTDIR {
            throw ToolError(category: .usage, description: "\(directory): not a folder (--split-turns wants a folder)")
        } catch {
            throw ToolError(
                category: .output(errno: error.code), description: "\(directory): cannot create folder: \(error)")
        }
        self.directory = directory
        self.fileExtension = fileExtension
        fixedRate = rate
    }

    func write(_ pcm: UnsafeRawBufferPointer, rate: Int) throws(ToolError) {
        if current == nil {
            let path = name(suffix: "")
            current = try SoundFileSink(path: path, rate: fixedRate)
            currentPath = path
        }
        try current!.write(pcm, rate: rate)
    }

    func commit(waiting: Bool) throws(ToolError) { try current?.commit(waiting: waiting) }

    func endTurn(_ record: TurnRecord) throws(ToolError) {
        defer { turn = record.index + 1 }
        guard let current, let currentPath else { return }
        try current.finish()
        self.current = nil
        self.currentPath = nil
        let suffix = record.interrupted ? "-interrupted" : record.incomplete ? "-incomplete" : ""
        if !suffix.isEmpty {
            let target = name(suffix: suffix, index: record.index)
            if rename(currentPath, target) != 0 {
                throw ToolError(
                    category: .io, description: "\(target): cannot rename: \(String(cString: strerror(errno)))")
            }
        }
    }

    func finish() throws(ToolError) {
        try current?.finish()
        current = nil
    }

    private func name(suffix: String, index: Int? = nil) -> String {
        let number = String(index ?? turn)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        return directory + "/turn-" + padded + suffix + "." + fileExtension
    }
}
