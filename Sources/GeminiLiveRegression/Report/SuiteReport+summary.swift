extension SuiteReport {
    /// The human summary for stdout: a line per scenario (status, the pass rate of its weakest expectation
    /// with its interval, the slowest headline latency); the failed expectations with `file:line:column`,
    /// expected and actual; the flaky ones; the attempts that did not complete; the per-turn latency tables;
    /// and a count.
    public var summary: String {
        var text = scenarioLines.joined(separator: "\n") + "\n"
        let failed = expectationBlocks { !$0.passes(gate: gate) }
        if !failed.isEmpty { text += "\nFailures:\n" + failed }
        let flaky = expectationBlocks { $0.isFlaky(gate: gate) }
        if !flaky.isEmpty { text += "\nFlaky (passed the gate, failed some attempts):\n" + flaky }
        let unfinished = scenarios.flatMap(\.unfinishedAttempts)
        if !unfinished.isEmpty {
            text += "\nUnfinished attempts:\n"
            for attempt in unfinished {
                let detail = (attempt.outcome.detail ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                text += "\(attempt.scenarioPath): \(attempt.scenarioName), attempt \(attempt.attempt): "
                text += "\(attempt.outcome.name): " + detail.joined(separator: "\n  ") + "\n"
            }
        }
        let tables = scenarios.filter { !$0.latency.rows.isEmpty }
        if !tables.isEmpty {
            text += "\nLatency (ms after the end of the user's input; rtf is a ratio):\n"
            for scenario in tables { text += "\(scenario.scenario.name)\n\(scenario.latency)" }
        }
        // Names and transcripts come from files and the network: nothing in them may drive the terminal.
        return ReportText.printable(text + "\n" + count + "\n")
    }

    /// `PASS  weather in Paris  4/5 (95 % CI 38–96 %) turn 1 latency.first_audio_ms  slowest …`, names aligned.
    private var scenarioLines: [String] {
        let width = scenarios.map(\.scenario.name.count).max() ?? 0
        let labelWidth = ScenarioStatus.allCases.map(\.label.count).max() ?? 0
        return scenarios.map { report in
            let label = report.status.label
            var parts = [
                label + String(repeating: " ", count: labelWidth - label.count),
                report.scenario.name + String(repeating: " ", count: width - report.scenario.name.count),
            ]
            let unfinished = report.unfinishedAttempts
            switch report.status {
            case .error:
                parts.append(
                    "no verdict: \(unfinished.count) of \(report.attempts.count) attempts were transport errors")
            case .diverged, .stale:
                let kind: FailureKind = report.status == .stale ? .staleCassette : .replayDivergence
                let first = unfinished.first { $0.outcome.kind == kind }
                parts.append(
                    (report.status == .stale ? "cassette stale" : "replay diverged")
                        + (first.map { " (attempt \($0.attempt))" } ?? ""))
            case .pass, .fail:
                if let weakest = report.weakest {
                    var rate = weakest.tally.rate.description
                    if !weakest.tally.failedAttempts.isEmpty {
                        rate += " turn \(weakest.turn) \(weakest.tally.expectation.key)"
                    }
                    if !weakest.tally.passes(gate: gate) {
                        rate += ", required \(ReportText.percent(weakest.tally.requirement)) %"
                        if gate == .confident { rate += " at 95 % confidence" }
                    }
                    parts.append(rate)
                }
                if let slowest = report.slowest {
                    let value = LatencyTable.format(slowest.distribution.maximum, metric: slowest.metric)
                    parts.append("slowest \(slowest.metric.rawValue) \(value) (turn \(slowest.turn))")
                }
                let errors = unfinished.count
                if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
            }
            return parts.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    /// A block per expectation whose tally `selected`: where, what was expected, the rate, and each kind of
    /// failure with its attempts and the first actual value.
    private func expectationBlocks(_ selected: (ExpectationTally) -> Bool) -> String {
        var text = ""
        for report in scenarios where report.status == .pass || report.status == .fail {
            for (index, entry) in report.entries.enumerated() where selected(entry.tally) {
                let expectation = entry.tally.expectation
                text += "\(expectation.location): \(report.scenario.name), turn \(entry.turn): \(expectation.key)\n"
                text += "  expected: \(expectation.predicate)\n"
                text += "  " + ReportText.gateMessage(entry.tally, gate: gate) + "\n"
                for (kind, failures) in report.failureKinds(ofEntry: index) {
                    let attempts = failures.map(\.attempt)
                    let actual = ReportText.truncated(ReportText.show(failures[0].result.actual))
                    text += "  \(failures.count)× \(kind.rawValue) (attempt\(attempts.count == 1 ? "" : "s") "
                    text += "\(ReportText.list(attempts))): actual \(actual)\n"
                }
            }
        }
        return text
    }

    /// `2 scenarios: 1 pass, 1 fail; 7 attempts, 1 error`.
    private var count: String {
        let statuses = ScenarioStatus.allCases.compactMap { status -> String? in
            let count = scenarios.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        let attempts = scenarios.flatMap(\.attempts)
        var text = "\(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s")"
        if !statuses.isEmpty { text += ": " + statuses.joined(separator: ", ") }
        text += "; \(attempts.count) attempt\(attempts.count == 1 ? "" : "s")"
        for (name, plural) in [("error", "errors"), ("diverged", "diverged"), ("stale", "stale")] {
            let count = attempts.filter { $0.outcome.name == name }.count
            if count > 0 { text += ", \(count) \(count == 1 ? name : plural)" }
        }
        return text
    }
}

extension String {
    /// The string without the spaces that padding left at its end.
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
