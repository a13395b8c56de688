import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

/// One `judge:` expectation of a scenario, run on the turn it belongs to: the judge's command gets the turn as
/// JSON on stdin, and its answer becomes a verdict line for the cassette.
struct TurnJudge: Sendable {
    /// The command, criterion and time limit.
    let criterion: JudgeCriterion
    /// The scenario, for its name, path and folder, and the turn's input.
    let scenario: Scenario
    /// The turn judged, from 1.
    let turn: Int

    /// The verdict on `recorded`, stamped `time`, with the criterion and reason passed through `redactor`
    /// (a cassette and a report never hold a secret, whoever wrote it). Never throws: whatever goes wrong with
    /// the judge is its `error` verdict.
    func verdict(on recorded: RecordedTurn, at time: Int, redactor: SecretRedactor) async -> RecordedJudgement {
        let input = criterion.request(scenario: scenario, turn: turn, recorded: recorded).compactBytes + [0x0A]
        let command = TimedShellCommand(
            command: criterion.command, folder: scenario.folder, timeout: criterion.timeout)
        let (ending, output) = await BlockingThread.run { command.run(input: input) }
        let verdict: RecordedJudgement.Verdict
        let reason: String
        switch ending {
        case .exited(0):
            (verdict, reason) = JudgeCriterion.verdict(fromOutput: output)
        case .exited(let status):
            (verdict, reason) = (.error, "the judge exited with status \(status)")
        case .signalled(let signal):
            (verdict, reason) = (.error, "the judge was ended by signal \(signal)")
        case .timedOut:
            (verdict, reason) = (
                .error, "the judge took longer than \(Self.seconds(criterion.timeout)) s and was stopped"
            )
        case .notStarted(let problem):
            (verdict, reason) = (.error, "the judge could not be started: \(problem)")
        }
        return RecordedJudgement(
            time: time, turn: turn, criterion: redactor.redacting(criterion.criterion),
            criterionHash: RecordedJudgement.hash(of: criterion.criterion), command: criterion.command,
            verdict: verdict, reason: redactor.redacting(reason))
    }

    /// `60`, `0.5`: a limit as the scenario's `timeout_s` would write it.
    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? String(milliseconds / 1000) : String(Double(milliseconds) / 1000)
    }
}
