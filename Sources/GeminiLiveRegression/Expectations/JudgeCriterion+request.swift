import GeminiLiveProtocol

extension JudgeCriterion {
    /// The longest reason kept from a judge's answer: a language model may explain at length, and the reason
    /// goes into every cassette and report line.
    public static let reasonLimit = 2000

    /// What the judge reads on stdin: one JSON object with the criterion, the scenario's name and path, the turn's
    /// number (from 1, as the scenario counts its turns) and input as written (`{"text": ...}`, `{"audio":
    /// "question.wav"}`, ...), and what came back: `input_transcript`, `output_transcript` and `text` (null when
    /// none came), `tool_calls` (`{name, args}` each), `interrupted`, `responded` and `audio_ms`.
    ///
    /// Keys are snake_case like the scenario's queries, so a judge can be written against the same words.
    public func request(scenario: Scenario, turn number: Int, recorded: RecordedTurn) -> JSONValue {
        let turn = scenario.turns[number - 1]
        let reply = recorded.reply
        var object: JSONObject = [
            "criterion": .string(criterion), "scenario": .string(scenario.name), "path": .string(scenario.path),
            "turn": .number(JSONNumber(number)), "input": .object(Self.input(turn.input)),
        ]
        object.append("input_transcript", reply.inputTranscript.map(JSONValue.string) ?? .null)
        object.append("output_transcript", reply.outputTranscript.map(JSONValue.string) ?? .null)
        object.append("text", reply.text.map(JSONValue.string) ?? .null)
        object.append("tool_calls", .array(reply.calls))
        object.append("interrupted", .bool(reply.interrupted))
        object.append("responded", .bool(reply.responded))
        object.append("audio_ms", .number(JSONNumber(Int(reply.audioMilliseconds.rounded()))))
        return .object(object)
    }

    /// A turn's input as the scenario writes it.
    private static func input(_ input: ScenarioTurn.Input) -> JSONObject {
        switch input {
        case .audio(let file): ["audio": .string(file.path)]
        case .image(let file): ["image": .string(file.path)]
        case .text(let text): ["text": .string(text)]
        case .silence(let milliseconds): ["silence_ms": .number(JSONNumber(milliseconds))]
        case .activityStart: ["activity_start": true]
        case .activityEnd: ["activity_end": true]
        case .audioStreamEnd: ["audio_stream_end": true]
        }
    }

    /// The verdict in the standard output of a judge that exited with 0: its first word, `pass`, `fail` or
    /// `unsure` in any letter case (a `.`, `:` or `,` right after it is allowed), and the rest, trimmed, as the
    /// reason. Anything else is an `error` whose reason says what the judge printed instead.
    public static func verdict(fromOutput output: [UInt8]) -> (verdict: RecordedJudgement.Verdict, reason: String) {
        let text = String(decoding: output, as: UTF8.self).trimmingWhitespace
        guard !text.isEmpty else { return (.error, "the judge printed nothing; expected pass, fail or unsure") }
        let end = text.firstIndex(where: \.isWhitespace) ?? text.endIndex
        var word = text[..<end]
        while let last = word.last, ".:,".contains(last) { word.removeLast() }
        let reason = String(text[end...].trimmingWhitespace.prefix(reasonLimit))
        let verdicts: [RecordedJudgement.Verdict] = [.pass, .fail, .unsure]
        guard let verdict = verdicts.first(where: { $0.rawValue == word.lowercased() }) else {
            let shown = JSONValue.string(String(text.prefix(60)) + (text.count > 60 ? "…" : ""))
            return (.error, "the judge answered \(shown); expected pass, fail or unsure first")
        }
        return (verdict, reason)
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (newlines included).
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
