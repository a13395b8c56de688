import GeminiLiveSystem
/// Somewhere model audio goes: a file, a folder of turn files, or stdout.
protocol AudioSink: AnyObject {
    /// Model audio as it arrives: s16le mono bytes at `rate`.
    func write(_ pcm: UnsafeRawBufferPointer, rate: Int) throws(ToolError)
    /// Puts everything so far where a reader can see it (file data and header, or the pipe): at once, or with
    /// `waiting` false, soon after (queued behind the writes before it, so the caller can go on decoding).
    func commit(waiting: Bool) throws(ToolError)
    /// The turn `record` just ended.
    func endTurn(_ record: TurnRecord) throws(ToolError)
    /// The stream ended (or the process is being stopped): leave every file complete and valid.
    func finish() throws(ToolError)
    /// After `finish`, when the input held no server message at all: removes a file that holds no audio, so a
    /// failed session upstream leaves no empty WAV that looks like a silent answer. The path removed, if any.
    func discardIfEmpty() -> String?
}

extension AudioSink {
    func discardIfEmpty() -> String? { nil }
}
