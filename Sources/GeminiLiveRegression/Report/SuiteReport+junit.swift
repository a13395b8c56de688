extension SuiteReport {
    /// The `--junit` report: a `<testsuite>` per scenario and a `<testcase>` per expectation, aggregated over
    /// the attempts so names stay unique (GitLab keeps only the first of two cases with one name).
    ///
    /// A case has `classname` = the scenario's path with dots (GitLab's suite column), `file`, `line` and
    /// `time` (mean seconds of the completed attempts), `<properties>` (k, n, ci_low, ci_high, requirement,
    /// gate, the turn's latency percentiles, the cassettes of failed attempts), and then: `<failure>` when the
    /// expectation failed its gate; else one `<flakyFailure>` per failed attempt (Surefire's convention); or
    /// `<error>` when the scenario has no verdict (transport errors only) or its replay diverged.
    public var junitXML: String {
        let cases = scenarios.map { JUnitCases($0) }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += "<testsuites name=\"gemini-live-test\"" + JUnitCases.counts(cases) + ">\n"
        for scenario in cases { xml += scenario.suite }
        xml += "</testsuites>\n"
        return xml
    }
}

/// The test cases of one scenario, rendered.
private struct JUnitCases {
    let report: ScenarioReport
    /// Each case's XML, and whether it carries a `<failure>` or an `<error>`.
    var cases: [(xml: String, failed: Bool, errored: Bool)] = []

    init(_ report: ScenarioReport) {
        self.report = report
        let names = report.entryNames
        cases = report.entries.indices.map { testCase($0, name: names[$0]) }
        if cases.isEmpty {
            // A scenario without expectations still passes or errs as a whole; show it as one case.
            cases = [testCase(nil, name: "scenario")]
        }
    }

    var seconds: Double { report.attempts.map(\.duration).reduce(0, +) }

    static func counts(_ suites: [JUnitCases]) -> String {
        let cases = suites.flatMap(\.cases)
        let seconds = suites.map(\.seconds).reduce(0, +)
        return " tests=\"\(cases.count)\" failures=\"\(cases.filter(\.failed).count)\""
            + " errors=\"\(cases.filter(\.errored).count)\" time=\"\(ReportText.seconds(seconds))\""
    }

    var suite: String {
        let scenario = report.scenario
        var xml = "  <testsuite name=\"\(XMLText.attribute(scenario.name))\"" + Self.counts([self])
        xml += " skipped=\"0\" file=\"\(XMLText.attribute(scenario.path))\">\n"
        for testCase in cases { xml += testCase.xml }
        return xml + "  </testsuite>\n"
    }

    /// `suite/weather.yaml` → `suite.weather`.
    var className: String {
        var path = Substring(report.scenario.path)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") { path = path[..<dot] }
        return path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: ".")
    }

    private func testCase(_ index: Int?, name: String) -> (xml: String, failed: Bool, errored: Bool) {
        let completed = report.completedAttempts
        let seconds = completed.isEmpty ? 0 : completed.map(\.duration).reduce(0, +) / Double(completed.count)
        let line = index.map { report.entries[$0].tally.expectation.location.line } ?? 1
        var xml = "    <testcase name=\"\(XMLText.attribute(name))\" classname=\"\(XMLText.attribute(className))\""
        xml += " file=\"\(XMLText.attribute(report.scenario.path))\" line=\"\(line)\""
        xml += " time=\"\(ReportText.seconds(seconds))\">\n"
        if let index { xml += properties(index) }
        var failed = false
        var errored = false
        if let error = error {
            errored = true
            xml += "      <error message=\"\(XMLText.attribute(error.message))\" type=\"\(error.kind.rawValue)\">"
            xml += XMLText.text(error.body) + "</error>\n"
        } else if let index {
            let tally = report.entries[index].tally
            let groups = report.failureKinds(ofEntry: index)
            if !tally.passes(gate: report.gate) {
                failed = true
                // The kind that failed most often names the failure, for grouping in CI views.
                let kind = groups.max { $0.failures.count < $1.failures.count }?.kind ?? .valueMismatch
                let message = ReportText.gateMessage(tally, gate: report.gate)
                let lines =
                    ["expected: \(tally.expectation.key) \(tally.expectation.predicate)"]
                    + report.failures(ofEntry: index).map(Self.describe)
                xml += "      <failure message=\"\(XMLText.attribute(message))\" type=\"\(kind.rawValue)\">"
                xml += XMLText.text(lines.joined(separator: "\n")) + "</failure>\n"
            } else {
                for failure in report.failures(ofEntry: index) {
                    xml += "      <flakyFailure message=\"\(XMLText.attribute(Self.describe(failure)))\""
                    xml += " type=\"\(failure.kind.rawValue)\"/>\n"
                }
            }
        }
        xml += "    </testcase>\n"
        return (xml, failed, errored)
    }

    /// `attempt 3: text_mismatch, actual "Cloudy."`.
    private static func describe(_ failure: AttemptFailure) -> String {
        "attempt \(failure.attempt): \(failure.kind.rawValue), actual "
            + ReportText.truncated(ReportText.show(failure.result.actual), limit: 1000)
    }

    /// The error every case of the scenario carries when it has no verdict or its replay diverged.
    private var error: (message: String, kind: FailureKind, body: String)? {
        let unfinished = report.unfinishedAttempts
        let body = unfinished.map { "attempt \($0.attempt): \($0.outcome.name): \($0.outcome.detail ?? "")" }
            .joined(separator: "\n")
        switch report.status {
        case .pass, .fail:
            return nil
        case .error:
            let message =
                unfinished.isEmpty
                ? "no verdict: no attempt ran"
                : "no verdict: \(unfinished.count) attempts, all transport errors"
            return (message, .transportError, body)
        case .diverged, .stale:
            let kind: FailureKind = report.status == .stale ? .staleCassette : .replayDivergence
            let first = unfinished.first { $0.outcome.kind == kind }
            let what = report.status == .stale ? "cassette stale" : "replay diverged"
            return ("\(what): \(first?.outcome.detail ?? "")", kind, body)
        }
    }

    private func properties(_ index: Int) -> String {
        let entry = report.entries[index]
        let rate = entry.tally.rate
        let interval = rate.interval
        var pairs: [(String, String)] = [
            ("k", String(rate.passed)), ("n", String(rate.attempts)),
            ("ci_low", ReportText.fraction(interval.lower)), ("ci_high", ReportText.fraction(interval.upper)),
            ("requirement", ReportText.number(entry.tally.requirement).description), ("gate", report.gate.rawValue),
        ]
        let errors = report.unfinishedAttempts.count
        if errors > 0 { pairs.append(("errors", String(errors))) }
        for row in report.latency.rows where row.turn == entry.turn {
            let name = "latency.\(row.metric.rawValue)"
            let figures = [
                ("p50", row.distribution.p50), ("p90", row.distribution.p90), ("max", row.distribution.maximum),
            ]
            pairs += figures.map { ("\(name).\($0.0)", LatencyTable.format($0.1, metric: row.metric)) }
        }
        for failure in report.failures(ofEntry: index) {
            let attempt = report.attempts.first { $0.attempt == failure.attempt }
            if let cassette = attempt?.cassette { pairs.append(("cassette", cassette)) }
        }
        var xml = "      <properties>\n"
        for (name, value) in pairs {
            xml += "        <property name=\"\(XMLText.attribute(name))\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        return xml + "      </properties>\n"
    }
}
