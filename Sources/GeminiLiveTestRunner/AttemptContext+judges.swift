import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

extension AttemptContext {
    /// Attempt `number` of scenario `index` judged from `run`, with a verdict for each of its `judge:`
    /// expectations on the turns the attempt reached.
    ///
    /// A live attempt runs its judges and appends their verdicts to its cassette, so that a replay of that
    /// cassette reads them instead of running the judges again: a judge may be a language model, and a replay
    /// must give the same verdicts every time. A replay takes each verdict from the replayed cassette, matched
    /// by turn, criterion and command; a judge whose verdict the cassette lacks (its criterion was added or
    /// changed since the recording) makes the attempt stale like a changed prompt, and under `--allow-stale`
    /// is run live instead. The cassette this run writes (`written`: the replay's own, for a replay) gets every
    /// verdict the attempt used, so it replays as it was judged.
    func judged(_ run: AttemptRun, of index: Int, attempt number: Int, written: String) async throws(ToolError)
        -> AttemptResult
    {
        let scenario = scenarios[index]
        let judges = scenario.judges
        guard run.outcome == .completed, !judges.isEmpty else {
            return try AttemptResult(scenario, attempt: number, run: run)
        }
        let recording = try FrameRecording(contentsOfFile: run.cassette)
        let recorded = RecordedAttempt(recording)
        let indices = scenario.recordedTurnIndices
        let replaying: Bool
        let mayRunJudges: Bool
        if case .replay(_, let allowStale) = runner.target {
            (replaying, mayRunJudges) = (true, allowStale)
        } else {
            (replaying, mayRunJudges) = (false, true)
        }
        let lastFrame = recording.frames.map(\.time).max() ?? 0
        var used: [RecordedJudgement] = []
        for (turn, criterion) in judges {
            // A turn the attempt never reached fails as not_run: there is nothing to judge.
            guard run.statuses.indices.contains(turn - 1), run.statuses[turn - 1] != .notRun,
                recorded.turns.indices.contains(indices[turn - 1])
            else { continue }
            if replaying,
                let found = recording.judgements.first(where: { $0.turn == turn && criterion.isAnswered(by: $0) })
            {
                used.append(found)
                continue
            }
            guard mayRunJudges else {
                let detail =
                    "\(run.cassette): no verdict of \(criterion.command) on turn \(turn) for \(JSONValue.string(criterion.criterion)) (the judge was added or changed since the recording); re-record it with --record, or pass --allow-stale to run the judge"
                // The criterion is the scenario's text, which may name a secret like anything else printed.
                return AttemptResult(
                    scenarioPath: scenario.path, scenarioName: scenario.name, attempt: number,
                    outcome: .stale(runner.redactor.redacting(detail)), cassette: run.cassette)
            }
            let judge = TurnJudge(criterion: criterion, scenario: scenario, turn: turn)
            let verdict = await judge.verdict(
                on: recorded.turns[indices[turn - 1]], at: lastFrame, redactor: runner.redactor)
            runner.report(
                "\(scenario.path) attempt \(number): judge \(criterion.command) on turn \(turn): \(verdict.verdict.rawValue)"
                    + (verdict.reason.isEmpty ? "" : " (\(verdict.reason))"))
            used.append(verdict)
        }
        do {
            try RecordedJudgement.append(used, toCassette: written)
        } catch {
            throw ToolError(category: .io, description: "\(written): \(error)")
        }
        var judgedRun = run
        judgedRun.judgements = used
        return try AttemptResult(scenario, attempt: number, run: judgedRun)
    }
}
