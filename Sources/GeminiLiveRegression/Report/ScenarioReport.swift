/// One scenario over all its attempts: a tally per expectation, the status, and what the reports print.
public struct ScenarioReport: Sendable, Equatable {
    /// One expectation of the scenario with its turn and its record over the completed attempts.
    public struct Entry: Sendable, Equatable {
        /// The turn, from 1.
        public var turn: Int
        /// k/N and the requirement.
        public var tally: ExpectationTally
    }

    /// The scenario.
    public let scenario: Scenario
    /// Its attempts, by number.
    public let attempts: [AttemptResult]
    /// Its expectations in the order written, each with its tally; parallel to every completed attempt's
    /// `expectations`.
    public let entries: [Entry]
    /// The gate the tallies are held against.
    public let gate: PassRateGate
    /// The verdict.
    public let status: ScenarioStatus
    /// The per-turn latency table over the completed attempts (the others may have stopped mid-reply).
    public let latency: LatencyTable

    /// The report on `scenario` from `attempts` (those of other scenarios are ignored).
    public init(_ scenario: Scenario, attempts: [AttemptResult], gate: PassRateGate) {
        self.scenario = scenario
        self.gate = gate
        let own = attempts.filter { $0.scenarioPath == scenario.path }.sorted { $0.attempt < $1.attempt }
        self.attempts = own
        var entries: [Entry] = []
        for (index, turn) in scenario.turns.enumerated() {
            entries += turn.expectations.map { Entry(turn: index + 1, tally: ExpectationTally($0, of: scenario)) }
        }
        for attempt in own where attempt.outcome == .completed {
            for (index, result) in zip(entries.indices, attempt.expectations) {
                entries[index].tally.record(held: result.held, attempt: attempt.attempt)
            }
        }
        self.entries = entries
        latency = LatencyTable(attempts: own.filter { $0.outcome == .completed }.map(\.turns))
        status =
            if own.contains(where: { $0.outcome.kind == .staleCassette }) {
                .stale
            } else if own.contains(where: { $0.outcome.kind == .replayDivergence }) {
                .diverged
            } else if !own.contains(where: { $0.outcome == .completed }) {
                .error
            } else if entries.contains(where: { !$0.tally.passes(gate: gate) }) {
                .fail
            } else {
                .pass
            }
    }

    /// The attempts that completed and so gave verdicts.
    public var completedAttempts: [AttemptResult] { attempts.filter { $0.outcome == .completed } }

    /// The attempts that did not complete (errors, divergences, stale cassettes).
    public var unfinishedAttempts: [AttemptResult] { attempts.filter { $0.outcome != .completed } }

    /// The entry to print on the scenario's line: the first that fails its gate, else the one with the lowest
    /// pass rate (the first of equals); nil without expectations.
    public var weakest: Entry? {
        entries.first { !$0.tally.passes(gate: gate) }
            ?? entries.min { ($0.tally.rate.fraction ?? 0) < ($1.tally.rate.fraction ?? 0) }
    }

    /// The failed verdicts of entry `index`, with their attempt numbers.
    public func failures(ofEntry index: Int) -> [AttemptFailure] {
        completedAttempts.compactMap { attempt in
            guard attempt.expectations.indices.contains(index), !attempt.expectations[index].held else { return nil }
            return AttemptFailure(attempt: attempt.attempt, result: attempt.expectations[index])
        }
    }

    /// The failed verdicts of entry `index` grouped by kind, kinds in the order they first occurred: what
    /// the summary prints as `3× latency_budget (attempts 2, 5, 7)`.
    public func failureKinds(ofEntry index: Int) -> [(kind: FailureKind, failures: [AttemptFailure])] {
        var groups: [(kind: FailureKind, failures: [AttemptFailure])] = []
        for failure in failures(ofEntry: index) {
            if let group = groups.firstIndex(where: { $0.kind == failure.kind }) {
                groups[group].failures.append(failure)
            } else {
                groups.append((failure.kind, [failure]))
            }
        }
        return groups
    }

    /// The entries' names, made unique within the scenario by a ` (2)`, ` (3)` … suffix on repeats, since
    /// JUnit readers such as GitLab keep only the first of two test cases with one name.
    public var entryNames: [String] {
        var seen: [String: Int] = [:]
        return entries.map { entry in
            let name = entry.name
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            return count == 1 ? name : "\(name) (\(count))"
        }
    }

    /// The figures a scenario line reports as its slowest, in order of preference: the first the scenario has.
    public static let headlineMetrics: [LatencyMetric] = [
        .firstAudio, .firstText, .firstOutputTranscript, .toolCall, .turnComplete,
    ]

    /// The row of the scenario's headline figure with the largest maximum: its slowest response.
    public var slowest: LatencyTable.Row? {
        let rows = latency.rows
        guard let metric = Self.headlineMetrics.first(where: { metric in rows.contains { $0.metric == metric } })
        else { return nil }
        return rows.filter { $0.metric == metric }.max { $0.distribution.maximum < $1.distribution.maximum }
    }
}

extension ScenarioReport.Entry {
    /// `turn 1: output_transcript icontains "sunny"`: the expectation as written, with its turn. Not its line,
    /// so that editing the file above it keeps the name and a CI system's history of the test.
    public var name: String { "turn \(turn): \(tally.expectation.key) \(tally.expectation.predicate)" }
}
