import Foundation
import GeminiLiveProtocol
import Synchronization

/// The recorded connections a replaying emulator can answer with, from one cassette or a directory of them.
///
/// A new live connection is matched on its setup: it takes the first recorded connection not yet used whose
/// normalised setup equals its own, in path order, then connection order within a file; once all those
/// are used they are used again in the same order. A resumed session's later connections carry the recorded
/// resumption handle in their setup, so they find their own.
final class ReplayLibrary: Sendable {
    /// Every recorded connection, in the order they are offered.
    let scripts: [ReplayScript]
    /// `--speed`: recorded delays are divided by it; 0 releases each frame as soon as its gate is reached.
    let speed: Double
    /// How many live connections each recorded one has answered.
    private let uses: Mutex<[Int]>

    /// Wraps prepared scripts.
    init(scripts: [ReplayScript], speed: Double) {
        self.scripts = scripts
        self.speed = speed
        uses = Mutex([Int](repeating: 0, count: scripts.count))
    }

    /// Reads the cassette at `path`, or every `*.ndjson` file in the directory `path` and below, in path order.
    ///
    /// An unreadable path or a directory without cassettes is an unusable input (66); a cassette that does not
    /// parse is bad data (65).
    convenience init(path: String, speed: Double) throws(EmulatorError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EmulatorError(.noInput, "cannot read replay cassette '\(path)': No such file or directory")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names: [String]
            do {
                // Below too: gemini-live-test --record keeps DIR/<scenario>/attempt-<n>.ndjson.
                names = try FileManager.default.subpathsOfDirectory(atPath: path)
            } catch {
                throw EmulatorError(.noInput, "cannot read replay directory '\(path)': \(error.localizedDescription)")
            }
            files = names.filter { $0.hasSuffix(".ndjson") }.sorted().map { path + "/" + $0 }
            guard !files.isEmpty else {
                throw EmulatorError(.noInput, "replay directory '\(path)' holds no .ndjson cassette")
            }
        }
        var scripts: [ReplayScript] = []
        for file in files {
            let recording: FrameRecording
            do {
                recording = try FrameRecording(contentsOfFile: file)
            } catch {
                throw EmulatorError(error.category, "cannot replay \(error.description)")
            }
            scripts += Self.scripts(of: recording, source: file)
        }
        guard !scripts.isEmpty else {
            throw EmulatorError(.badData, "replay cassette '\(path)' records no setup")
        }
        self.init(scripts: scripts, speed: speed)
    }

    /// Replays a recording already read from `source` (a replaying `gemini-live-test` reads it for its own
    /// timers, and the cassette is not parsed twice).
    convenience init(recording: FrameRecording, source: String, speed: Double) throws(EmulatorError) {
        let scripts = Self.scripts(of: recording, source: source)
        guard !scripts.isEmpty else {
            throw EmulatorError(.badData, "replay cassette '\(source)' records no setup")
        }
        self.init(scripts: scripts, speed: speed)
    }

    /// The recorded connections of `recording` that have a setup, in connection order.
    private static func scripts(of recording: FrameRecording, source: String) -> [ReplayScript] {
        ReplayScript.connections(in: recording).map { connection in
            ReplayScript(recording: recording, connection: connection, source: "\(source) connection \(connection)")
        }.filter { $0.setup != nil }
    }

    /// Takes the least used recorded connection whose setup matches `message` (a live client's first message,
    /// normalised), the first in order among equals; or says how it differs from the least used one.
    func claim(_ message: JSONValue) -> Result<ReplayScript, ReplayDivergence> {
        uses.withLock { uses in
            let matching = scripts.indices.filter { scripts[$0].setup == message }
            // Unused ones first, in order; once all are used they come round again, so a cassette can be
            // replayed to one client after another.
            if let index = matching.min(by: { uses[$0] < uses[$1] }) {
                uses[index] += 1
                return .success(scripts[index])
            }
            let nearest = scripts[scripts.indices.min(by: { uses[$0] < uses[$1] }) ?? 0]
            let difference =
                JSONDifference.first(recorded: nearest.setup, got: message)
                ?? JSONDifference(pointer: "", recorded: nearest.setup, got: message)
            return .failure(
                ReplayDivergence(
                    clientFrame: 1, pointer: difference.pointer, recorded: ReplayDivergence.shown(difference.recorded),
                    got: ReplayDivergence.shown(difference.got), source: nearest.source))
        }
    }
}
