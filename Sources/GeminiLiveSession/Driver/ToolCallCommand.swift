import GeminiLiveProtocol
import GeminiLiveSystem

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

    /// Starts the command for `call`; its end is pushed to `events`.
    func start(_ call: FunctionCall, events: EventQueue) {
        BlockingThread.start {
            let (status, output) = ShellCommand.run(command, input: Self.input(for: call))
            events.pushBlocking(.toolCommandFinished(call: call, status: status, output: output))
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
}
