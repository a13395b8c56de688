import GeminiLiveProtocol

extension SessionStateMachine {
    /// A `toolCall` under `--on-tool-call`: one command per function call. A call without an id (Vertex AI may send
    /// one) is answered without one too; the service matches the answer by the function's name.
    mutating func runToolCommands(_ call: ToolCall) -> [SessionAction] {
        call.functionCalls.map { function in
            if let id = function.id, !id.isEmpty {
                runningToolCommands.insert(id)
            } else {
                runningUnnamedToolCommands += 1
            }
            return .runToolCommand(function)
        }
    }

    /// A `toolCallCancellation`: the commands still running for these calls will not be answered.
    mutating func cancelToolCommands(_ ids: [String]) {
        for id in ids where runningToolCommands.contains(id) { cancelledToolCalls.insert(id) }
    }

    /// A tool command ended: its answer goes out like an input line, unless the call was cancelled meanwhile.
    mutating func toolCommandFinished(_ call: FunctionCall, status: Int32, output: [UInt8]) -> [SessionAction] {
        if let id = call.id, !id.isEmpty {
            guard runningToolCommands.remove(id) != nil else { return [] }
            if cancelledToolCalls.remove(id) != nil {
                return [.report("tool call \(id) was cancelled; its answer is not sent", important: false)]
            }
        } else {
            guard runningUnnamedToolCommands > 0 else { return [] }
            runningUnnamedToolCommands -= 1
        }
        var actions: [SessionAction] = []
        if status != 0 {
            let label = call.id ?? call.name ?? "(unnamed)"
            actions.append(.report("--on-tool-call for \(label) exited with status \(status)", important: true))
        }
        let response = ToolCallAnswer.response(status: status, output: output, option: "--on-tool-call")
        let answer = FunctionResponse(id: call.id, name: call.name, response: response)
        let message = ClientMessage(.toolResponse(ToolResponse(functionResponses: [answer])))
        guard let outbound = OutboundMessage(message) else { return actions }
        return actions + accept(outbound)
    }
}
