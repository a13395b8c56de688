import GeminiLiveProtocol
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the `--on-tool-call` shell command for a function call, on a thread of its own.
///
/// The command gets `{"id","name","args"}` on stdin; how it ended goes back to the state machine as
/// `.toolCommandFinished`, which turns its stdout into the answer (`ToolCallAnswer`) and knows whether the call
/// was cancelled meanwhile.
public struct ToolCallCommand: Sendable {
    /// The shell command line.
    public let command: String

    /// Creates a runner for `command` (run with `/bin/sh -c`).
    public init(command: String) {
        self.command = command
    }

    /// Starts the command for `call` (which has an id); its end is pushed to `events`.
    func start(_ call: FunctionCall, events: EventQueue) {
        let id = call.id ?? ""
        BlockingThread.start {
            let (status, output) = Self.run(command, input: Self.input(for: call))
            events.pushBlocking(.toolCommandFinished(id: id, name: call.name, status: status, output: output))
        }
    }

    /// The call as a command reads it on stdin: `{"id","name","args"}` and a newline.
    public static func input(for call: FunctionCall) -> [UInt8] {
        var input = JSONValue.object([
            "id": call.id.map(JSONValue.string) ?? .null, "name": call.name.map(JSONValue.string) ?? .null,
            "args": call.args,
        ]).compactBytes
        input.append(UInt8(ascii: "\n"))
        return input
    }

    /// Runs `/bin/sh -c command` with `input` on stdin; returns the exit status and stdout.
    public static func run(_ command: String, input: [UInt8]) -> (Int32, [UInt8]) {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { return (127, []) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1])
            close(fromChild[0])
            return (127, [])
        }
        // A command that exits without reading its input closes the pipe early: its reply still counts.
        try? Descriptor.writeAll(input, to: toChild[1])
        close(toChild[1])
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fromChild[0], $0.baseAddress!, $0.count) }
            if count > 0 {
                output += chunk[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(fromChild[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}
