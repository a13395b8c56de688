import GeminiLiveProtocol

extension SuiteReport {
    /// The `--tap` report, TAP version 14: one test point per scenario, each closing a `# Subtest:` with a
    /// point per expectation (aggregated over the attempts), and YAML diagnostics carrying what CI annotators
    /// want and TAP has no fields for: file, line, expected, actual, k, n, interval and failure kind.
    ///
    /// An expectation passes when it reaches its gate. A scenario without a verdict (transport errors only) or
    /// whose replay diverged is `not ok`, its expectations `# SKIP`ped with the reason, since nothing was
    /// learnt about them.
    public var tap: String {
        var lines = ["TAP version 14", "1..\(scenarios.count)"]
        for (number, scenario) in scenarios.enumerated() {
            lines += TAPScenario(scenario).lines(number: number + 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The subtest and test point of one scenario.
private struct TAPScenario {
    let report: ScenarioReport

    init(_ report: ScenarioReport) {
        self.report = report
    }

    func lines(number: Int) -> [String] {
        let name = Self.escaped(report.scenario.name)
        var lines = ["# Subtest: \(name)"]
        let names = report.entryNames
        var child = ["1..\(report.entries.count)"]
        for index in report.entries.indices {
            child += point(index, name: names[index])
        }
        lines += child.map { "    " + $0 }
        let ok = report.status == .pass
        lines.append("\(ok ? "ok" : "not ok") \(number) - \(name)")
        lines += Self.diagnostics(summary)
        return lines
    }

    /// One expectation's test point and its diagnostics, unindented.
    private func point(_ index: Int, name: String) -> [String] {
        let entry = report.entries[index]
        let tally = entry.tally
        let location = tally.expectation.location
        var fields: [(String, String)] = [
            ("file", YAMLText.quoted(location.file)), ("line", String(location.line)),
            ("column", String(location.column)), ("expected", YAMLText.quoted(tally.expectation.predicate.description)),
        ]
        if let reason = skipReason {
            return ["ok \(index + 1) - \(Self.escaped(name)) # SKIP \(Self.escaped(reason))"] + Self.diagnostics(fields)
        }
        let rate = tally.rate
        let interval = rate.interval
        let passes = tally.passes(gate: report.gate)
        fields += [
            ("k", String(rate.passed)), ("n", String(rate.attempts)),
            (
                "interval",
                YAMLText.quoted("95 % CI \(PassRate.percent(interval.lower))–\(PassRate.percent(interval.upper)) %")
            ),
            ("ci_low", ReportText.fraction(interval.lower)), ("ci_high", ReportText.fraction(interval.upper)),
            ("requirement", ReportText.number(tally.requirement).description),
        ]
        let failures = report.failures(ofEntry: index)
        if let first = failures.first {
            if !passes {
                fields.insert(("message", YAMLText.quoted(ReportText.gateMessage(tally, gate: report.gate))), at: 0)
                fields.insert(("severity", "fail"), at: 1)
            }
            let kinds = report.failureKinds(ofEntry: index)
            let kind = kinds.max { $0.failures.count < $1.failures.count }?.kind ?? first.kind
            fields += [
                ("kind", kind.rawValue),
                ("actual", Self.yaml(first.result.actual)),
                ("failed_attempts", "[" + failures.map { String($0.attempt) }.joined(separator: ", ") + "]"),
            ]
        }
        return ["\(passes ? "ok" : "not ok") \(index + 1) - \(Self.escaped(name))"] + Self.diagnostics(fields)
    }

    /// Why the expectations were not judged, for a scenario without verdicts.
    private var skipReason: String? {
        switch report.status {
        case .pass, .fail: nil
        case .error: "no verdict: every attempt was a transport error"
        case .diverged: "no verdict: the replay diverged"
        case .stale: "no verdict: the cassette is stale"
        }
    }

    /// The scenario point's diagnostics: file, status, gate, counts, and why it has no verdict.
    private var summary: [(String, String)] {
        var fields: [(String, String)] = [
            ("file", YAMLText.quoted(report.scenario.path)), ("status", report.status.rawValue),
            ("gate", report.gate.rawValue), ("attempts", String(report.attempts.count)),
            ("completed", String(report.completedAttempts.count)),
        ]
        let unfinished = report.unfinishedAttempts
        if !unfinished.isEmpty {
            let details = unfinished.map { attempt in
                YAMLText.quoted("attempt \(attempt.attempt): \(attempt.outcome.name): \(attempt.outcome.detail ?? "")")
            }
            fields.append(("unfinished", "[" + details.joined(separator: ", ") + "]"))
        }
        return fields
    }

    /// An actual value in YAML: a string as itself, a number or flag as written, `~` when absent, and a list
    /// or object as its JSON text in quotes (JSON strings may hold characters a YAML stream may not).
    private static func yaml(_ value: JSONValue?) -> String {
        switch value {
        case nil: "~"
        case .string(let text): YAMLText.quoted(ReportText.truncated(text, limit: 1000))
        case .number, .bool, .null: ReportText.show(value)
        case .array, .object: YAMLText.quoted(ReportText.truncated(ReportText.show(value), limit: 1000))
        }
    }

    /// A YAML block two spaces in from its test point, one `key: value` line per field.
    private static func diagnostics(_ fields: [(String, String)]) -> [String] {
        ["  ---"] + fields.map { "  \($0.0): \($0.1)" } + ["  ..."]
    }

    /// A description or reason: `\` and `#` escaped (TAP 14 "Escaping") so a `#` in a name is not taken for a
    /// directive, and line breaks folded into spaces since a test point is one line.
    static func escaped(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\": output += "\\\\"
            case "#": output += "\\#"
            case "\n", "\r", "\r\n": output += " "
            default: output.append(character)
            }
        }
        return output
    }
}
