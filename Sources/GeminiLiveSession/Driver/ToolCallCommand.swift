import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Answers tool calls by running a shell command per call (`--on-tool-call CMD`).
///
/// The command gets `{"id","name","args"}` on stdin; its stdout becomes the `response` (a JSON object as
/// is, anything else as `{"output": text}`; a failing command gives `{"error": ...}`). The answer goes
/// through the session like any input line. Cancelled ids are never answered.
public final class ToolCallCommand: Sendable {
    /// The shell command line.
    public let command: String
    private let cancelled = Mutex<Set<String>>([])

    /// Creates a runner for `command` (run with `/bin/sh -c`).
    public init(command: String) {
        self.command = command
    }

    func cancel(_ ids: [String]) {
        cancelled.withLock { $0.formUnion(ids) }
    }

    func answer(_ call: ToolCall, events: EventQueue, report: @escaping @Sendable (String, Bool) -> Void) {
        for function in call.functionCalls {
            guard let id = function.id else {
                report("a toolCall without an id cannot be answered; skipped", true)
                continue
            }
            BlockingThread.start {
                let (status, output) = Self.run(self.command, input: Self.input(for: function))
                if self.cancelled.withLock({ $0.contains(id) }) {
                    report("tool call \(id) was cancelled; its answer is not sent", false)
                    return
                }
                if status != 0 { report("--on-tool-call for \(id) exited with status \(status)", true) }
                let response = Self.response(status: status, output: output, option: "--on-tool-call")
                let answer = FunctionResponse(id: id, name: function.name, response: response)
                let message = ClientMessage(.toolResponse(ToolResponse(functionResponses: [answer])))
                events.pushBlocking(.clientLine(OutboundMessage(message)!))
            }
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

    /// The `response` a command's run gives: its stdout when that is a JSON object, else `{"output": text}`;
    /// `{"error": ...}` naming `option` when it failed.
    public static func response(status: Int32, output: [UInt8], option: String) -> JSONValue {
        if status != 0 { return ["error": .string("\(option) command exited with status \(status)")] }
        if let json = try? JSONParser.parse(output), case .object = json { return json }
        var text = String(decoding: output, as: UTF8.self)
        while text.last?.isNewline == true { text.removeLast() }
        return ["output": .string(text)]
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
