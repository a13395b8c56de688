import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// A judge's verdict on one turn of a recorded attempt: a line of its own in the cassette, after the frames,
/// `{"t":980.522,"judge":{"turn":1,"criterion":"answers in one sentence","criterionHash":"sha256:…",
/// "command":"./judge.sh","verdict":"pass","reason":"one sentence"}}`.
///
/// A judge is a command that looks at a turn and answers pass, fail or unsure; it may be a person's script or a
/// language model, and so is neither fast nor deterministic. Its verdict is kept with the frames it judged, so
/// that replaying the cassette gives the same verdict without running the judge again.
public struct RecordedJudgement: Sendable, Equatable {
    /// What the judge answered.
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        /// The turn meets the criterion.
        case pass
        /// It does not.
        case fail
        /// The judge could not tell.
        case unsure
        /// The judge did not answer: it failed, timed out, or printed something else; `reason` says which.
        case error
    }

    /// The time of the line, in microseconds on the cassette's clock: the last frame's, since a verdict is
    /// given after the attempt and off the wire, and the file stays in time order.
    public var time: Int
    /// The scenario turn judged, from 1 (as the scenario counts its turns, markers included).
    public var turn: Int
    /// The criterion as written in the scenario (redacted like everything else in a cassette).
    public var criterion: String
    /// `sha256:` and the hex digest of the criterion's UTF-8 text as written: what a replay matches, since the
    /// text kept may have been redacted.
    public var criterionHash: String
    /// The judge's command as written in the scenario.
    public var command: String
    /// The verdict.
    public var verdict: Verdict
    /// The rest of the judge's answer after its first word, or for an error what went wrong; may be empty.
    public var reason: String

    /// Creates a verdict line.
    public init(
        time: Int, turn: Int, criterion: String, criterionHash: String? = nil, command: String, verdict: Verdict,
        reason: String = ""
    ) {
        self.time = time
        self.turn = turn
        self.criterion = criterion
        self.criterionHash = criterionHash ?? Self.hash(of: criterion)
        self.command = command
        self.verdict = verdict
        self.reason = reason
    }

    /// `sha256:` and the hex digest of `criterion`'s UTF-8 bytes.
    public static func hash(of criterion: String) -> String {
        "sha256:" + SHA256.hex(Array(criterion.utf8))
    }

    /// Reads the `judge` member of a cassette line; `time` is the line's `t` in microseconds. The problem names
    /// the member at fault, as frame lines do.
    public init(judge value: JSONValue, time: Int) throws(RecordingLineError) {
        guard case .object(let object) = value else { throw RecordingLineError("judge must be an object (judge)") }
        func text(_ key: String) throws(RecordingLineError) -> String {
            guard let text = object[key]?.stringValue else {
                throw RecordingLineError("judge.\(key) must be a string (judge.\(key))")
            }
            return text
        }
        guard let turn = object["turn"]?.intValue, turn >= 1 else {
            throw RecordingLineError("judge.turn must be a turn number from 1 (judge.turn)")
        }
        guard let verdict = Verdict(rawValue: try text("verdict")) else {
            let known = Verdict.allCases.map(\.rawValue).joined(separator: ", ")
            throw RecordingLineError("judge.verdict must be one of \(known) (judge.verdict)")
        }
        self.init(
            time: time, turn: turn, criterion: try text("criterion"), criterionHash: try text("criterionHash"),
            command: try text("command"), verdict: verdict, reason: object["reason"]?.stringValue ?? "")
    }

    /// The cassette line, with its newline.
    public var line: [UInt8] {
        let judge: JSONObject = [
            "turn": .number(JSONNumber(turn)), "criterion": .string(criterion),
            "criterionHash": .string(criterionHash), "command": .string(command), "verdict": .string(verdict.rawValue),
            "reason": .string(reason),
        ]
        var line = JSONValue.object([
            "t": .number(DecimalTime.milliseconds(microseconds: time)), "judge": .object(judge),
        ])
        .compactBytes
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Appends `judgements` to the cassette at `path`, each line in one write like the recorder's.
    public static func append(_ judgements: [RecordedJudgement], toCassette path: String) throws(SystemCallError) {
        guard !judgements.isEmpty else { return }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw .current }
        defer { close(descriptor) }
        for judgement in judgements { try Descriptor.writeAll(judgement.line, to: descriptor) }
    }
}
