/// Where a text output goes.
public enum OutputTarget: Equatable, Sendable {
    /// Standard output.
    case stdout
    /// Standard error (`--events 2`, to watch a session whose stdout carries audio).
    case stderr
    /// A file, created or truncated.
    case file(String)
}

/// Which outputs one `gemini-live-decode` pass produces; any combination works in one read.
public struct DecodeOptions: Sendable {
    /// Files that each get all model audio; the type comes from the extension.
    public var audioFiles: [String] = []
    /// A folder for one file per turn.
    public var splitDirectory: String?
    /// Extension (and so type) of the per-turn files.
    public var splitExtension = "wav"
    /// Raw s16le model audio on stdout.
    public var rawAudio = false
    /// Convert audio outputs to this rate; nil keeps the reply's rate (24 kHz).
    public var resampleRate: Int?
    /// Silence added after each turn on the raw output.
    public var flushSilenceMilliseconds = 0
    /// The model's words, one line per turn.
    public var text: OutputTarget?
    /// Print words as they arrive instead of one line per turn.
    public var streamText = false
    /// Include `thought: true` parts in the words.
    public var includeThoughts = false
    /// A user/model dialogue with tool calls, interruptions and usage.
    public var transcript: OutputTarget?
    /// One summary line per message.
    public var events: OutputTarget?
    /// One JSON record per turn.
    public var turnRecords: OutputTarget?
    /// The seed tutorial relay's reply lines: `{"text":...}` and `{"audio":...}` per piece as it arrives.
    public var relay: OutputTarget?
    /// Stop at the first malformed line instead of counting it and going on.
    public var strict = false

    /// No outputs yet.
    public init() {}

    /// Every output target in use, for conflict checks.
    public var targets: [(option: String, target: OutputTarget)] {
        var result: [(String, OutputTarget)] = []
        if rawAudio { result.append(("--raw", .stdout)) }
        if let text { result.append(("--text", text)) }
        if let transcript { result.append(("--transcript", transcript)) }
        if let events { result.append(("--events", events)) }
        if let turnRecords { result.append(("--json", turnRecords)) }
        if let relay { result.append(("--relay", relay)) }
        return result
    }
}
