import GeminiLiveSystem
import GeminiLiveProtocol

/// A text output that follows the stream: words, transcript, events or per-turn JSON.
protocol ReplyReport: AnyObject {
    /// One decoded message, its input line, and what the assembler made of it.
    func message(_ message: ServerMessage, line: Int, events: [ReplyEvent]) throws(ToolError)
    /// The input ended mid-turn, after `line`: `record` is the unfinished turn (`incomplete`).
    func inputEnded(_ record: TurnRecord, afterLine line: Int) throws(ToolError)
    /// The stream ended.
    func finish(usage: UsageTotals, turns: Int) throws(ToolError)
}
