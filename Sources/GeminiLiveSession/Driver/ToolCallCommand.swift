import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization

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
            // Vertex AI may leave out the id: the answer then goes back without one, matched by name.
            let id = function.id
            let label = id ?? function.name ?? "(unnamed)"
            BlockingThread.start {
                let (status, output) = Self.run(self.command, input: Self.input(for: function))
                if let id, self.cancelled.withLock({ $0.contains(id) }) {
                    report("tool call \(id) was cancelled; its answer is not sent", false)
                    return
                }
                if status != 0 { report("--on-tool-call for \(label) exited with status \(status)", true) }
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
        ShellCommand.run(command, input: input)
    }
}
