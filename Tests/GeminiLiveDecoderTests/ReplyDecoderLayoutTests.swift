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

    /// The turn with a member the fast path does not know in every message, so the full parser reads them all.
    static var declined: [[String: Any]] {
        Messages.turn.map { message in
            var message = message
            message["unknownToTheFastPath"] = 1
            return message
        }
    }

    @Test(
        "the fast path and the full parser give the same outputs, with and without reports, in every layout",
        arguments: Layout.allCases)
    func fastPathMatchesParser(layout: Layout) throws {
        let fast = Messages.turn.map { layout.write($0) }.joined()
        let full = Self.declined.map { layout.write($0) }.joined()
        for audioOnly in [true, false] {
            let fastRun = try DecodeRun(fast, audioOnly: audioOnly)
            let fullRun = try DecodeRun(full, audioOnly: audioOnly)
            #expect(fastRun.samples == Messages.ramp(1920, from: 0))
            #expect(fullRun.samples == fastRun.samples)
            #expect(fullRun.statistics.messages == fastRun.statistics.messages)
            #expect(fullRun.statistics.turns == fastRun.statistics.turns)
            #expect(fullRun.transcript == fastRun.transcript)
            #expect(fullRun.json == fastRun.json)
            #expect(fullRun.problems.isEmpty && fastRun.problems.isEmpty)
        }
    }

    @Test("audio with transcription and several parts in one message (3.x models), with and without reports")
    func severalPartsAndTranscription() throws {
        let chunks = (0..<4).map { Messages.audio(Messages.ramp(480, from: $0 * 480)) }
        func parts(_ message: [String: Any]) -> [Any] {
            ((message["serverContent"] as! [String: Any])["modelTurn"] as! [String: Any])["parts"] as! [Any]
        }
        let messages: [[String: Any]] = [
            [
                "serverContent": [
                    "modelTurn": ["parts": parts(chunks[0]) + [["text": "Hi"]] + parts(chunks[1])],
                    "outputTranscription": ["text": "Hello "],
                ]
            ],
            [
                "serverContent": [
                    "modelTurn": ["parts": parts(chunks[2]) + parts(chunks[3])],
                    "outputTranscription": ["text": "there."], "turnComplete": true,
                ]
            ],
        ]
        for layout in Layout.allCases {
            let text = messages.map { layout.write($0) }.joined()
            let declined = messages.map { message -> String in
                var message = message
                message["x"] = 1
                return layout.write(message)
            }.joined()
            for audioOnly in [true, false] {
                let run = try DecodeRun(text, audioOnly: audioOnly)
                let full = try DecodeRun(declined, audioOnly: audioOnly)
                #expect(run.samples == Messages.ramp(1920, from: 0), "\(layout)")
                #expect(run.statistics.turns == 1 && run.statistics.messages == 2)
                #expect(full.samples == run.samples && full.json == run.json && full.transcript == run.transcript)
                if !audioOnly {
                    #expect(run.json.first?.contains(#""text":"Hi""#) == true, "\(run.json)")
                    #expect(run.json.first?.contains(#""outputTranscript":"Hello there.""#) == true)
                    #expect(run.json.first?.contains(#""parts":{"inlineData":4,"text":1}"#) == true)
                }
            }
        }
    }
}
