import Testing

/// The decoder reads every layout other tools write, mixed in any order, and one bad value costs only itself.
@Suite("decoder: layouts")
struct ReplyDecoderLayoutTests {
    /// The reference: the turn written compactly.
    static let reference = try! DecodeRun(Messages.turn.map { Layout.compact.write($0) }.joined())

    /// Events without their `line N` field, which differs between layouts.
    static func withoutLines(_ events: String) -> [String] {
        events.split(separator: "\n").map { $0.split(separator: "  ").dropFirst().joined(separator: "  ") }
    }

    static func expectSameAsReference(_ run: DecodeRun, _ label: String) {
        let reference = Self.reference
        #expect(run.samples == reference.samples, "\(label): samples")
        #expect(run.transcript == reference.transcript, "\(label): transcript")
        #expect(run.json == reference.json, "\(label): json")
        #expect(run.text == reference.text, "\(label): text")
        #expect(withoutLines(run.events) == withoutLines(reference.events), "\(label): events")
        #expect(run.statistics.messages == reference.statistics.messages, "\(label): messages")
    }

    @Test("the reference decodes as expected")
    func reference() {
        let run = Self.reference
        #expect(run.samples == Messages.ramp(1920, from: 0))
        #expect(run.problems.isEmpty)
        #expect(run.text == "It is sunny.\n")
        #expect(run.statistics.messages == 9 && run.statistics.turns == 1)
        #expect(
            run.transcript.contains("user: what is the weather\ntool call: get_weather({\"city\":\"Paris\"}) id=c1\n"))
    }

    @Test("each layout alone gives the same outputs", arguments: Layout.allCases)
    func oneLayout(layout: Layout) throws {
        let run = try DecodeRun(Messages.turn.map { layout.write($0) }.joined())
        #expect(run.problems.isEmpty)
        Self.expectSameAsReference(run, layout.rawValue)
    }

    @Test("compact then pretty, pretty then compact, and interleaved in every pairing", arguments: Layout.allCases)
    func mixed(other: Layout) throws {
        let half = Messages.turn.count / 2
        let firstCompact = Messages.turn.enumerated().map { ($0 < half ? Layout.compact : other).write($1) }.joined()
        let firstOther = Messages.turn.enumerated().map { ($0 < half ? other : Layout.compact).write($1) }.joined()
        let interleaved = Messages.turn.enumerated().map { ($0 % 2 == 0 ? Layout.compact : other).write($1) }.joined()
        for (label, text) in [
            ("compact first", firstCompact), ("other first", firstOther), ("interleaved", interleaved),
        ] {
            let run = try DecodeRun(text)
            #expect(run.problems.isEmpty, "\(label): \(run.problems)")
            Self.expectSameAsReference(run, "\(other.rawValue) \(label)")
        }
    }

    /// A broken value in each layout's own shape.
    static func broken(_ layout: Layout) -> String {
        switch layout {
        case .compact: "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pc\n"
        case .python: "{\"serverContent\": {\"turnComplete\" true}}\n"
        case .pretty:
            "{\n  \"serverContent\": {\n    \"modelTurn\": {\n      \"parts\": [\n        {\n          \"text\" \"x\"\n        }\n      ]\n    }\n  }\n}\n"
        }
    }

    @Test(
        "a bad value between good ones, in every layout and position: the rest kept, the problem at its line",
        arguments: Layout.allCases, [1, 4, 8])
    func badValue(layout: Layout, position: Int) throws {
        var before = Messages.turn.prefix(position).map { layout.write($0) }.joined()
        let after = Messages.turn.dropFirst(position).map { layout.write($0) }.joined()
        let line = before.filter { $0 == "\n" }.count + 1
        before += Self.broken(layout)
        let run = try DecodeRun(before + after)
        #expect(run.problems.count == 1, "\(run.problems)")
        #expect(run.problems.first?.hasPrefix("in.log:\(line): ") == true, "\(run.problems) want line \(line)")
        #expect(run.statistics.problems == 1)
        Self.expectSameAsReference(run, "\(layout.rawValue) bad at \(position)")
    }

    @Test("several values on one line, blank lines, CRLF and a BOM")
    func oddSpacing() throws {
        let lines = Messages.turn.map { Layout.compact.write($0).dropLast() }
        let text =
            "\u{FEFF}" + lines[0..<3].joined(separator: " ") + "\r\n\r\n\n" + lines[3...].joined(separator: "\r\n")
        let run = try DecodeRun(text)
        #expect(run.problems.isEmpty)
        Self.expectSameAsReference(run, "odd spacing")
    }

    @Test("audio on the fast path and through the full parser decode to the same samples")
    func fastPathMatchesParser() throws {
        // Compact audio lines take the fast path; the same messages pretty-printed take the full parser.
        let compact = try DecodeRun(Messages.turn.map { Layout.compact.write($0) }.joined(), audioOnly: true)
        let pretty = try DecodeRun(Messages.turn.map { Layout.pretty.write($0) }.joined(), audioOnly: true)
        #expect(compact.samples == Messages.ramp(1920, from: 0))
        #expect(pretty.samples == compact.samples)
        #expect(pretty.statistics.messages == compact.statistics.messages)
    }
}
