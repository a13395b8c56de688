import GeminiLiveSystem
import Foundation
import GeminiLiveMedia

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
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ToolError(
                    category: .cannotCreate,
                    description: "\(directory): cannot create folder: \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw ToolError(category: .usage, description: "\(directory): not a folder (--split-turns wants a folder)")
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

    func commit() throws(ToolError) { try current?.commit() }

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
        directory + "/" + String(format: "turn-%04d", index ?? turn) + suffix + "." + fileExtension
    }
}
