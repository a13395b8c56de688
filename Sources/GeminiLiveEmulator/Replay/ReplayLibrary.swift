import Foundation
import GeminiLiveProtocol
import Synchronization

/// The recorded connections a replaying emulator can answer with, from one cassette or a directory of them.
///
/// A new live connection is matched on its setup: it takes the first recorded connection not yet taken whose
/// normalised setup equals its own, in file name order, then connection order within a file. A resumed
/// session's later connections carry the recorded resumption handle in their setup, so they find their own.
final class ReplayLibrary: Sendable {
    /// Every recorded connection, in the order they are offered.
    let scripts: [ReplayScript]
    /// `--speed`: recorded delays are divided by it; 0 releases each frame as soon as its gate is reached.
    let speed: Double
    private let taken: Mutex<[Bool]>

    /// Wraps prepared scripts.
    init(scripts: [ReplayScript], speed: Double) {
        self.scripts = scripts
        self.speed = speed
        taken = Mutex([Bool](repeating: false, count: scripts.count))
    }

    /// Reads the cassette at `path`, or every `*.ndjson` file directly in the directory `path`.
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
                names = try FileManager.default.contentsOfDirectory(atPath: path)
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
            for connection in ReplayScript.connections(in: recording) {
                let script = ReplayScript(
                    recording: recording, connection: connection, source: "\(file) connection \(connection)")
                if script.setup != nil { scripts.append(script) }
            }
        }
        guard !scripts.isEmpty else {
            throw EmulatorError(.badData, "replay cassette '\(path)' records no setup")
        }
        self.init(scripts: scripts, speed: speed)
    }

    /// Takes the first untaken recorded connection whose setup matches `message` (a live client's first
    /// message, normalised), or says how it differs from the nearest one: the first untaken, or the first.
    func claim(_ message: JSONValue) -> Result<ReplayScript, ReplayDivergence> {
        taken.withLock { taken in
            for (index, script) in scripts.enumerated() where !taken[index] && script.setup == message {
                taken[index] = true
                return .success(script)
            }
            let nearest = scripts.indices.first { !taken[$0] }.map { scripts[$0] }
            guard let nearest, let difference = JSONDifference.first(recorded: nearest.setup, got: message) else {
                // Every recorded connection with this setup is already taken.
                return .failure(
                    ReplayDivergence(
                        clientFrame: 1, pointer: "/setup", recorded: "no unused connection with this setup",
                        got: "another one"))
            }
            return .failure(
                ReplayDivergence(
                    clientFrame: 1, pointer: difference.pointer, recorded: ReplayDivergence.shown(difference.recorded),
                    got: ReplayDivergence.shown(difference.got), source: nearest.source))
        }
    }
}
