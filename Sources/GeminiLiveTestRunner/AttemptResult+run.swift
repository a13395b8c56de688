import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

extension AttemptResult {
    /// Attempt `number` of `scenario`, judged from the cassette its run wrote.
    ///
    /// The verdicts come from the recorded frames only (FrameRecording, then RecordedAttempt), so the same
    /// cassette gives the same verdicts however it was obtained. Scenario turns map to recorded turns by
    /// `Scenario.recordedTurnIndices` (markers, silence and pictures join the turn that asks for a reply); a
    /// turn the attempt never sent fails as `not_run`. A `judge:` expectation takes its verdict from the run's
    /// `judgements`.
    public init(_ scenario: Scenario, attempt number: Int, run: AttemptRun) throws(ToolError) {
        let recording = try FrameRecording(contentsOfFile: run.cassette)
        let recorded = RecordedAttempt(recording)
        var expectations: [ExpectationResult] = []
        if run.outcome == .completed {
            let indices = scenario.recordedTurnIndices
            for (index, turn) in scenario.turns.enumerated() {
                let reached = run.statuses.indices.contains(index) && run.statuses[index] != .notRun
                let recordedTurn =
                    reached && recorded.turns.indices.contains(indices[index]) ? recorded.turns[indices[index]] : nil
                expectations += turn.expectations.map {
                    ExpectationResult($0, turn: index + 1, in: recordedTurn, judgements: run.judgements)
                }
            }
        }
        self.init(
            scenarioPath: scenario.path, scenarioName: scenario.name, attempt: number, outcome: run.outcome,
            expectations: expectations, turns: recorded.turns, duration: run.duration, cassette: run.cassette)
    }
}
