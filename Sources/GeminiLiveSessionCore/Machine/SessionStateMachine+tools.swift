import GeminiLiveProtocol

extension SessionStateMachine {
    /// A `toolCall` under `--on-tool-call`: one command per function call that has an id.
    mutating func runToolCommands(_ call: ToolCall) -> [SessionAction] {
        call.functionCalls.map { function in
            guard let id = function.id, !id.isEmpty else {
                return .report("a toolCall without an id cannot be answered; skipped", important: true)
            }
            runningToolCommands.insert(id)
            return .runToolCommand(function)
        }
    }

    /// A `toolCallCancellation`: the commands still running for these calls will not be answered.
    mutating func cancelToolCommands(_ ids: [String]) {
        for id in ids where runningToolCommands.contains(id) { cancelledToolCalls.insert(id) }
    }

    /// A tool command ended: its answer goes out like an input line, unless the call was cancelled meanwhile.
    mutating func toolCommandFinished(id: String, name: String?, status: Int32, output: [UInt8]) -> [SessionAction] {
        guard runningToolCommands.remove(id) != nil else { return [] }
        if cancelledToolCalls.remove(id) != nil {
            return [.report("tool call \(id) was cancelled; its answer is not sent", important: false)]
        }
        var actions: [SessionAction] = []
        if status != 0 {
            actions.append(.report("--on-tool-call for \(id) exited with status \(status)", important: true))
        }
        let response = ToolCallAnswer.response(status: status, output: output, option: "--on-tool-call")
        let answer = FunctionResponse(id: id, name: name, response: response)
        let message = ClientMessage(.toolResponse(ToolResponse(functionResponses: [answer])))
        guard let outbound = OutboundMessage(message) else { return actions }
        return actions + accept(outbound)
    }
}
