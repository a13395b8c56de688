import Foundation
import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@testable import GeminiLiveTestRunner

/// Real judge scripts run on a recorded turn: their answers, exits and silences become verdicts, and nothing
/// a judge does (not reading its input, hanging) holds the run up beyond its limit.
@Suite struct TurnJudgeTests {
    /// A scenario folder with `judge.sh` holding `body` (a /bin/sh script), and the scenario's path in it.
    final class Folder {
        let path: String
        init(judge body: String) throws {
            path = NSTemporaryDirectory() + "gemini-live-judge-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path + "/judge.sh", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/judge.sh")
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let turn = RecordedTurn(
        inputStart: 0, reply: RecordedTurn.Reply(outputTranscript: "Hello, nice to meet you.", responded: true))

    /// The judge as its command runs it: through `sh`, which reads the file rather than executing it, since
    /// executing a file just written fails with ETXTBSY while a command started meanwhile by a parallel test
    /// still holds the writer's descriptor.
    static let judge = "sh judge.sh"

    static func verdict(
        _ body: String, command: String = Self.judge, timeout: Duration = .seconds(60), folder: Folder? = nil
    ) async throws -> RecordedJudgement {
        let folder = try folder ?? Folder(judge: body)
        let scenario = try Scenario(
            yaml: "name: greeting\nturns:\n  - text: Say hello.\n", path: folder.path + "/s.yaml")
        let criterion = JudgeCriterion(command: command, criterion: "answers politely", timeout: timeout)
        return await TurnJudge(criterion: criterion, scenario: scenario, turn: 1).verdict(
            on: turn, at: 7000, redactor: SecretRedactor())
    }

    @Test(
        "a judge's answer is its verdict",
        arguments: [
            ("echo pass", RecordedJudgement.Verdict.pass, ""),
            ("echo 'FAIL: it did not say hello'", .fail, "it did not say hello"),
            ("printf 'unsure\\nno audio to go by\\n'", .unsure, "no audio to go by"),
            (
                "echo 'looks fine to me'", .error,
                #"the judge answered "looks fine to me"; expected pass, fail or unsure first"#
            ),
            ("echo pass; exit 3", .error, "the judge exited with status 3"),
        ])
    func answers(_ body: String, _ verdict: RecordedJudgement.Verdict, _ reason: String) async throws {
        let judgement = try await Self.verdict(body)
        #expect(judgement.verdict == verdict)
        #expect(judgement.reason == reason)
        #expect(judgement.turn == 1)
        #expect(judgement.time == 7000)
        #expect(judgement.command == Self.judge)
        #expect(judgement.criterion == "answers politely")
        #expect(judgement.criterionHash == RecordedJudgement.hash(of: "answers politely"))
    }

    @Test func theJudgeReadsTheTurnOnStdinInTheScenariosFolder() async throws {
        let folder = try Folder(judge: "cat > request.json; pwd > folder.txt; echo pass")
        let judgement = try await Self.verdict("", folder: folder)
        #expect(judgement.verdict == .pass)
        let request = try JSONParser.parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/request.json"))))
        #expect(request["criterion"] == "answers politely")
        #expect(request["scenario"] == "greeting")
        #expect(request["turn"] == 1)
        #expect(request["input"] == ["text": "Say hello."])
        #expect(request["output_transcript"] == "Hello, nice to meet you.")
        let where_ = try String(contentsOfFile: folder.path + "/folder.txt", encoding: .utf8)
        #expect(
            URL(fileURLWithPath: where_.trimmingCharacters(in: .newlines)).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path)
    }

    @Test func aJudgeThatNeverReadsItsInputStillAnswers() async throws {
        // More input than a pipe holds, to a judge that does not read it: the answer still counts.
        let folder = try Folder(judge: "echo pass")
        let scenario = try Scenario(yaml: "turns:\n  - text: hi\n", path: folder.path + "/s.yaml")
        let long = RecordedTurn(
            inputStart: 0, reply: RecordedTurn.Reply(outputTranscript: String(repeating: "words ", count: 50_000)))
        let judgement = await TurnJudge(
            criterion: JudgeCriterion(command: Self.judge, criterion: "c"), scenario: scenario, turn: 1
        ).verdict(on: long, at: 0, redactor: SecretRedactor())
        #expect(judgement.verdict == .pass)
    }

    @Test func aJudgeThatTakesTooLongIsStoppedWithEverythingItStarted() async throws {
        // The judge starts a child that would outlive it. The child holds the write end of a FIFO the test
        // reads, and names itself only once it holds it: the FIFO hangs up when the child is gone, so the test
        // waits on that event and not on the clock. The poll's limit is a hang guard, not a bound.
        let folder = try Folder(
            judge: "sh -c 'echo $$ > child.tmp && mv child.tmp child.pid && exec sleep 300' 3>held & wait")
        guard mkfifo(folder.path + "/held", 0o600) == 0 else { throw POSIXError(.EEXIST) }
        let held = open(folder.path + "/held", O_RDONLY | O_NONBLOCK)
        #expect(held >= 0)
        defer { close(held) }
        let judgement = try await Self.verdict("", timeout: .milliseconds(300), folder: folder)
        #expect(judgement.verdict == .error)
        #expect(judgement.reason == "the judge took longer than 0.3 s and was stopped")
        // Without child.pid the child was stopped before it held the FIFO: nothing of the judge is left.
        guard FileManager.default.fileExists(atPath: folder.path + "/child.pid") else { return }
        var event = pollfd(fd: held, events: Int16(POLLIN), revents: 0)
        let ready = poll(&event, 1, 120_000)
        #expect(ready == 1 && event.revents & Int16(POLLHUP) != 0, "the judge's child still holds the FIFO")
    }

    @Test func aJudgeEndedByASignalIsAnErrorVerdict() async throws {
        let judgement = try await Self.verdict("", command: "kill -TERM $$")
        #expect(judgement.verdict == .error)
        #expect(judgement.reason == "the judge was ended by signal 15")
    }

    @Test func aMissingJudgeIsAnErrorVerdict() async throws {
        let judgement = try await Self.verdict("echo pass", command: "./no-such-judge.sh")
        #expect(judgement.verdict == .error)
        #expect(judgement.reason == "the judge exited with status 127")
    }

    @Test func secretsInTheCriterionAndReasonAreRedacted() async throws {
        let folder = try Folder(judge: "echo 'fail the key is AIzaSecret0123456789abcdefghijklmnopq'")
        let scenario = try Scenario(yaml: "turns:\n  - text: hi\n", path: folder.path + "/s.yaml")
        var redactor = SecretRedactor()
        redactor.add("AIzaSecret0123456789abcdefghijklmnopq", name: "GEMINI_API_KEY")
        let criterion = JudgeCriterion(
            command: Self.judge, criterion: "never says AIzaSecret0123456789abcdefghijklmnopq")
        let judgement = await TurnJudge(criterion: criterion, scenario: scenario, turn: 1).verdict(
            on: Self.turn, at: 0, redactor: redactor)
        #expect(!String(decoding: judgement.line, as: UTF8.self).contains("AIzaSecret"))
        // The hash is of the criterion as written, so a replay still finds the verdict.
        #expect(criterion.isAnswered(by: judgement))
    }
}
