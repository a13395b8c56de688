import Foundation
import GeminiLiveMedia

/// Makes test inputs with sox/ffmpeg in a fresh temporary directory; media is never committed.
final class MediaFixtures {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "media-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The path of `name` inside the fixture directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs a tool from PATH with `arguments`; returns its stdout. Throws with stderr on failure.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a child that fills the pipe would otherwise never exit.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(command: ([tool] + arguments).joined(separator: " "))
        }
        return data
    }

    /// Runs sox with a space-separated argument string.
    func sox(_ arguments: String) throws { try run("sox", arguments.split(separator: " ").map(String.init)) }

    /// Runs ffmpeg quietly with a space-separated argument string.
    func ffmpeg(_ arguments: String) throws {
        try run("ffmpeg", ["-nostdin", "-loglevel", "error", "-y"] + arguments.split(separator: " ").map(String.init))
    }

    /// Writes bytes to `name`.
    func write(_ name: String, _ bytes: some Sequence<UInt8>) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var command: String
    var description: String { "failed: \(command)" }
}
