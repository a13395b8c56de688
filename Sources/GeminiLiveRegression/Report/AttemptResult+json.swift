import GeminiLiveProtocol

extension AttemptResult {
    /// The attempt as one `--results` object: scenario, name, attempt, outcome (and its detail), seconds,
    /// cassette, every expectation's verdict (with `kind` and `actual` when it failed) and every turn's figures.
    ///
    /// `{"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":1,"outcome":"completed",
    /// "seconds":2.5,"expectations":[{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,
    /// "column":9,"expected":"icontains \"sunny\"","held":false,"kind":"text_mismatch","actual":"Cloudy."}],
    /// "turns":[{"turn":1,"latency":{"first_audio_ms":800}}]}`. Absent values are left out rather than null, so
    /// `actual` missing means the query found nothing.
    public var json: JSONObject {
        var object: JSONObject = [
            "scenario": .string(scenarioPath), "name": .string(scenarioName), "attempt": .number(JSONNumber(attempt)),
            "outcome": .string(outcome.name),
        ]
        if let detail = outcome.detail { object["detail"] = .string(detail) }
        object["seconds"] = .number(ReportText.number(duration))
        if let cassette { object["cassette"] = .string(cassette) }
        object["expectations"] = .array(expectations.map { .object($0.json) })
        object["turns"] = .array(
            turns.enumerated().map { index, turn in
                let figures = LatencyMetric.allCases.compactMap { metric in
                    turn.latency[metric].map { (metric.rawValue, JSONValue.number(ReportText.number($0))) }
                }
                return ["turn": .number(JSONNumber(index + 1)), "latency": .object(JSONObject(figures))]
            })
        return object
    }

    /// The `--results` line: the compact JSON object and a newline, ready to append as the attempt finishes
    /// so an interrupted run keeps every attempt it completed.
    public var resultsLine: [UInt8] {
        var line = JSONValue.object(json).compactBytes
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

extension ExpectationResult {
    /// The verdict as a `--results` object.
    var json: JSONObject {
        let location = expectation.location
        var object: JSONObject = [
            "turn": .number(JSONNumber(turn)), "key": .string(expectation.key), "file": .string(location.file),
            "line": .number(JSONNumber(location.line)), "column": .number(JSONNumber(location.column)),
            "expected": .string(expected), "held": .bool(held),
        ]
        if let kind { object["kind"] = .string(kind.rawValue) }
        if !held, let actual {
            object["actual"] = actual.doubleValue.map { .number(ReportText.number($0)) } ?? actual
        }
        return object
    }
}
