import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem
import Testing

/// `judge:` expectations: how they are written, what the judge is sent, how its answer is read, and how a
/// verdict becomes the expectation's result.
@Suite struct JudgeExpectationTests {
    static let scenario = """
        name: polite
        turns:
          - text: "Say hello."
            expect:
              - judge: {command: ./judge.sh, criterion: "answers in one polite sentence"}
              - judge: {command: ./judge.sh --strict, criterion: "mentions no weather", timeout_s: 2.5}
                require: 0.5
        """

    @Test func aJudgeIsAnExpectationWithItsCommandCriterionAndTimeLimit() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "suite/polite.yaml")
        let expectations = scenario.turns[0].expectations
        #expect(expectations.map(\.query) == [.judge, .judge])
        #expect(expectations.map(\.key) == ["judge", "judge"])
        #expect(
            expectations[0].predicate
                == .judge(JudgeCriterion(command: "./judge.sh", criterion: "answers in one polite sentence")))
        #expect(
            expectations[1].predicate
                == .judge(
                    JudgeCriterion(
                        command: "./judge.sh --strict", criterion: "mentions no weather", timeout: .milliseconds(2500)))
        )
        #expect(expectations[0].requirement == nil)
        #expect(expectations[1].requirement == 0.5)
        #expect(expectations[0].location == FileLocation(file: "suite/polite.yaml", line: 5, column: 9))
        #expect(scenario.judges.map(\.turn) == [1, 1])
        #expect(
            expectations[0].predicate.description
                == #"pass on "answers in one polite sentence" by ./judge.sh"#)
        #expect(JudgeCriterion(command: "j", criterion: "c").timeout == .seconds(60))
    }

    @Test func judgesDoNotChangeTheFingerprint() throws {
        let plain = try Scenario(yaml: "turns:\n  - text: \"Say hello.\"\n", path: "s.yaml")
        let judged = try Scenario(yaml: Self.scenario, path: "s.yaml")
        #expect(try plain.fingerprint() == judged.fingerprint())
    }

    private func expectError(
        _ entry: String, _ description: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let yaml = "turns:\n  - text: hi\n    expect:\n      - \(entry)\n"
        do {
            _ = try Scenario(yaml: yaml, path: "bad.yaml")
            Issue.record("parsed \(entry)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.category == .badData, sourceLocation: sourceLocation)
            #expect(error.description == description, sourceLocation: sourceLocation)
        }
    }

    @Test func aBadJudgeIsNamedAtItsFileLineAndColumn() {
        expectError(
            #"judge: {criterion: "polite"}"#,
            "bad.yaml:4:16: a judge needs a command (turns[0].expect[0].judge.command)")
        expectError(
            "judge: {command: ./judge.sh}",
            "bad.yaml:4:16: a judge needs a criterion (turns[0].expect[0].judge.criterion)")
        expectError(
            "judge: ./judge.sh", "bad.yaml:4:16: expected a mapping, found a string (turns[0].expect[0].judge)")
        expectError(
            #"judge: {command: ./judge.sh, criterion: "", }"#,
            "bad.yaml:4:49: criterion must not be empty (turns[0].expect[0].judge.criterion)")
        expectError(
            "judge: {command: 3, criterion: c}",
            "bad.yaml:4:26: expected a string, found a number (turns[0].expect[0].judge.command)")
        expectError(
            "judge: {command: ./j, criterion: c, timeout: 3}",
            "bad.yaml:4:45: unknown key in turns[0].expect[0].judge; known keys: command, criterion, timeout_s "
                + "(turns[0].expect[0].judge.timeout)")
        expectError(
            "judge: {command: ./j, criterion: c, timeout_s: 0}",
            "bad.yaml:4:56: timeout_s must be above 0 and at most 86400 (turns[0].expect[0].judge.timeout_s)")
    }

    @Test(
        "the judge's first word is its verdict, the rest its reason",
        arguments: [
            ("pass\n", RecordedJudgement.Verdict.pass, ""),
            ("PASS: one short, polite sentence.\n", .pass, "one short, polite sentence."),
            ("Fail. It asked a question back", .fail, "It asked a question back"),
            ("  unsure\n\nthe transcript is empty\n", .unsure, "the transcript is empty"),
            ("passed", .error, #"the judge answered "passed"; expected pass, fail or unsure first"#),
            (
                "I think it passes", .error,
                #"the judge answered "I think it passes"; expected pass, fail or unsure first"#
            ),
            ("\n  \n", .error, "the judge printed nothing; expected pass, fail or unsure"),
        ])
    func verdicts(_ output: String, _ verdict: RecordedJudgement.Verdict, _ reason: String) {
        let answer = JudgeCriterion.verdict(fromOutput: Array(output.utf8))
        #expect(answer.verdict == verdict)
        #expect(answer.reason == reason)
    }

    @Test func aLongReasonIsCut() {
        let answer = JudgeCriterion.verdict(fromOutput: Array(("fail " + String(repeating: "x", count: 5000)).utf8))
        #expect(answer.verdict == .fail)
        #expect(answer.reason.count == JudgeCriterion.reasonLimit)
    }

    @Test func theJudgeIsSentTheTurnAsJSON() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "suite/polite.yaml")
        let turn = RecordedTurn(
            inputStart: 0,
            reply: RecordedTurn.Reply(
                outputTranscript: "Hello there.", calls: [["name": "greet", "args": ["loud": false]]],
                audioMilliseconds: 1234.4, responded: true))
        guard case .judge(let criterion) = scenario.turns[0].expectations[0].predicate else {
            Issue.record("not a judge")
            return
        }
        let request = criterion.request(scenario: scenario, turn: 1, recorded: turn)
        #expect(
            String(decoding: request.compactBytes, as: UTF8.self)
                == #"{"criterion":"answers in one polite sentence","scenario":"polite","path":"suite/polite.yaml","turn":1,"input":{"text":"Say hello."},"input_transcript":null,"output_transcript":"Hello there.","text":null,"tool_calls":[{"name":"greet","args":{"loud":false}}],"interrupted":false,"responded":true,"audio_ms":1234}"#
        )
    }

    @Test func aVerdictBecomesTheExpectationsResult() throws {
        let scenario = try Scenario(yaml: Self.scenario, path: "s.yaml")
        let first = scenario.turns[0].expectations[0]
        let turn = RecordedTurn(inputStart: 0, reply: RecordedTurn.Reply(responded: true))
        func result(
            _ verdict: RecordedJudgement.Verdict, _ reason: String, turn number: Int = 1, command: String = "./judge.sh"
        )
            -> ExpectationResult
        {
            let judgement = RecordedJudgement(
                time: 0, turn: number, criterion: "answers in one polite sentence", command: command, verdict: verdict,
                reason: reason)
            return ExpectationResult(first, turn: 1, in: turn, judgements: [judgement])
        }
        #expect(result(.pass, "fine").held)
        #expect(result(.pass, "fine").kind == nil)
        #expect(result(.fail, "rude").kind == .judgeFail)
        #expect(result(.fail, "rude").actual == "rude")
        #expect(result(.fail, "").actual == "fail")
        #expect(result(.unsure, "no transcript").kind == .judgeUnsure)
        #expect(!result(.unsure, "no transcript").held)
        #expect(result(.error, "the judge exited with status 3").kind == .judgeError)
        #expect(result(.error, "the judge exited with status 3").actual == "the judge exited with status 3")
        // A verdict on another turn or by another command is not this expectation's.
        #expect(result(.pass, "fine", turn: 2).kind == .judgeError)
        #expect(result(.pass, "fine", command: "./other.sh").actual == "no verdict")
        // An unreached turn is not_run, never judged.
        #expect(ExpectationResult(first, turn: 1, in: nil, judgements: []).kind == .notRun)
    }
}
