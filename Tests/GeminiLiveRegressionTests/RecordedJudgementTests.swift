import Foundation
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem
import Testing

/// A judge's verdict is a line of its own in the cassette: read and kept beside the frames, never taken for
/// one, written back as it was read.
@Suite struct RecordedJudgementTests {
    static let judgeLine =
        #"{"t":400.000,"judge":{"turn":1,"criterion":"answers politely","criterionHash":"sha256:4d1b","command":"./judge.sh","verdict":"fail","reason":"it was rude"}}"#

    @Test func aJudgeLineIsKeptApartFromTheFrames() throws {
        let text = """
            {"cassette":1,"scenario":"s.yaml"}
            {"t":10,"direction":"client","frame":"text","message":{"setup":{}}}
            {"t":400,"direction":"server","frame":"binary","message":{"serverContent":{"turnComplete":true}}}
            \(Self.judgeLine)
            """
        let recording = try FrameRecording(ndjson: Array(text.utf8), source: "c.ndjson")
        #expect(recording.frames.count == 2)
        let judgement = try #require(recording.judgements.first)
        #expect(recording.judgements.count == 1)
        #expect(judgement.time == 400_000)
        #expect(judgement.turn == 1)
        #expect(judgement.criterion == "answers politely")
        #expect(judgement.criterionHash == "sha256:4d1b")
        #expect(judgement.command == "./judge.sh")
        #expect(judgement.verdict == .fail)
        #expect(judgement.reason == "it was rude")
        // Written back, the line is the one read.
        #expect(String(decoding: judgement.line, as: UTF8.self) == Self.judgeLine + "\n")
    }

    @Test func theHashIsOfTheCriterionsText() {
        let judgement = RecordedJudgement(
            time: 0, turn: 2, criterion: "abc", command: "./j", verdict: .pass)
        #expect(
            judgement.criterionHash == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(
        "a malformed judge line is bad data naming its line and the member",
        arguments: [
            (#"{"t":1,"judge":"pass"}"#, "judge must be an object (judge)"),
            (
                #"{"t":1,"judge":{"turn":0,"criterion":"c","criterionHash":"h","command":"j","verdict":"pass"}}"#,
                "judge.turn must be a turn number from 1 (judge.turn)"
            ),
            (
                #"{"t":1,"judge":{"turn":1,"criterion":"c","criterionHash":"h","command":"j","verdict":"maybe"}}"#,
                "judge.verdict must be one of pass, fail, unsure, error (judge.verdict)"
            ),
            (
                #"{"t":1,"judge":{"turn":1,"criterionHash":"h","command":"j","verdict":"pass"}}"#,
                "judge.criterion must be a string (judge.criterion)"
            ),
            (
                #"{"judge":{"turn":1,"criterion":"c","criterionHash":"h","command":"j","verdict":"pass"}}"#,
                "no time: expected time in seconds or t in milliseconds (time)"
            ),
        ])
    func malformed(_ line: String, _ problem: String) {
        let text = "{\"t\":1,\"direction\":\"client\",\"frame\":\"text\"}\n" + line
        do {
            _ = try FrameRecording(ndjson: Array(text.utf8), source: "c.ndjson")
            Issue.record("read \(line)")
        } catch {
            #expect(error.category == .badData)
            #expect(error.description == "c.ndjson:2:1: \(problem)")
        }
    }

    @Test func appendedVerdictsFollowTheFramesAndReadBack() throws {
        let path = NSTemporaryDirectory() + "gemini-live-judgement-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"t\":5.5,\"direction\":\"client\",\"frame\":\"text\",\"message\":{}}\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let verdicts = [
            RecordedJudgement(time: 5500, turn: 1, criterion: "one", command: "./a", verdict: .pass, reason: "ok"),
            RecordedJudgement(time: 5500, turn: 2, criterion: "two", command: "./b", verdict: .error),
        ]
        try RecordedJudgement.append(verdicts, toCassette: path)
        let recording = try FrameRecording(contentsOfFile: path)
        #expect(recording.frames.count == 1)
        #expect(recording.judgements == verdicts)
        // A cassette that is not there is not created by appending to it.
        #expect(throws: SystemCallError.self) {
            try RecordedJudgement.append(verdicts, toCassette: path + ".missing")
        }
    }

    @Test func turnsAndStatisticsIgnoreVerdictLines() throws {
        let frames = """
            {"t":0,"direction":"client","frame":"text","message":{"clientContent":{"turns":[{"role":"user","parts":[{"text":"hi"}]}],"turnComplete":true}}}
            {"t":300,"direction":"server","frame":"binary","message":{"serverContent":{"modelTurn":{"parts":[{"text":"Hello."}]}}}}
            {"t":400,"direction":"server","frame":"binary","message":{"serverContent":{"turnComplete":true}}}
            """
        let plain = try FrameRecording(ndjson: Array(frames.utf8), source: "a")
        let judged = try FrameRecording(ndjson: Array((frames + "\n" + Self.judgeLine).utf8), source: "b")
        #expect(RecordedAttempt(judged) == RecordedAttempt(plain))
    }
}
