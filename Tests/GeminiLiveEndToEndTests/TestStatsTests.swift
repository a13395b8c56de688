import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-test --stats`: the per-turn latency table of frame recordings, from the real binary.
@Suite("test: --stats on frame recordings", .serialized)
struct TestStatsTests {
    static let tool = ToolRunner.tool("gemini-live-test")

    /// A frame recording in the `FrameRecorder` line schema, with times set by hand (decimal seconds), or with
    /// the same times as `t` in milliseconds (the cassette spelling).
    struct Recording {
        private(set) var text = ""
        var milliseconds = false

        /// `"time":S` or `"t":S×1000`, scaled on the decimal text.
        func stamp(_ seconds: String) -> String {
            guard milliseconds, let value = Decimal(string: seconds) else { return #""time":\#(seconds)"# }
            return #""t":\#(value * 1000)"#
        }

        mutating func line(_ seconds: String, _ direction: String, _ message: String) {
            let frame = direction == "client" ? "text" : "binary"
            text +=
                #"{\#(stamp(seconds)),"connection":1,"direction":"\#(direction)","frame":"\#(frame)","message":\#(message)}"#
                + "\n"
        }

        mutating func close(_ seconds: String) {
            text += #"{\#(stamp(seconds)),"connection":1,"direction":"server","frame":"close","code":1000,"reason":""}"#
            text += "\n"
        }

        static let setup = #"{"setup":{"model":"models/gemini-live-2.5-flash-preview"}}"#
        static let setupComplete = #"{"setupComplete":{}}"#

        static func question(_ text: String) -> String {
            #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"\#(text)"}]}],"turnComplete":true}}"#
        }

        /// `milliseconds` of silent model audio at 24 kHz.
        static func audio(_ milliseconds: Int) -> String {
            let data = Data(count: milliseconds * 24 * 2).base64EncodedString()
            return
                #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"\#(data)"}}]}}}"#
        }

        static func transcript(_ text: String) -> String {
            #"{"serverContent":{"outputTranscription":{"text":"\#(text)"}}}"#
        }

        static let generationComplete = #"{"serverContent":{"generationComplete":true}}"#
        static let turnComplete = #"{"serverContent":{"turnComplete":true}}"#
    }

    /// Two text turns. Turn 1: asked at 1.000 s, transcript at +250 ms, 100 ms of audio at +400 and at +500
    /// (rtf 200/100 = 2), generationComplete +600, turnComplete +650; the longest gap is transcript to audio,
    /// 150 ms. Turn 2: asked at 3.000 s, audio +300, transcript +320, turnComplete +900 (gap 580 ms).
    static var firstRun: String {
        var recording = Recording()
        recording.line("0.000", "client", Recording.setup)
        recording.line("0.05", "server", Recording.setupComplete)
        recording.line("1.000", "client", Recording.question("What is the weather?"))
        recording.line("1.25", "server", Recording.transcript("It is"))
        recording.line("1.400", "server", Recording.audio(100))
        recording.line("1.5", "server", Recording.audio(100))
        recording.line("1.6", "server", Recording.generationComplete)
        recording.line("1.65", "server", Recording.turnComplete)
        recording.line("3.0", "client", Recording.question("And tomorrow?"))
        recording.line("3.3", "server", Recording.audio(100))
        recording.line("3.32", "server", Recording.transcript("Rain"))
        recording.line("3.9", "server", Recording.turnComplete)
        recording.close("4.0")
        return recording.text
    }

    /// The same two turns, timed differently. Turn 1: transcript +100.5 ms, audio +200 and +400 (rtf
    /// 200/200 = 1), generationComplete +450, turnComplete +500; longest gap 200 ms. Turn 2: audio +700,
    /// transcript +750, turnComplete +1200; longest gap 450 ms.
    static var secondRun: String { secondRun(milliseconds: false) }

    static func secondRun(milliseconds: Bool) -> String {
        var recording = Recording(milliseconds: milliseconds)
        recording.line("0.000", "client", Recording.setup)
        recording.line("0.02", "server", Recording.setupComplete)
        recording.line("1.000", "client", Recording.question("What is the weather?"))
        recording.line("1.1005", "server", Recording.transcript("It is"))
        recording.line("1.2", "server", Recording.audio(100))
        recording.line("1.4", "server", Recording.audio(100))
        recording.line("1.45", "server", Recording.generationComplete)
        recording.line("1.5", "server", Recording.turnComplete)
        recording.line("3.0", "client", Recording.question("And tomorrow?"))
        recording.line("3.7", "server", Recording.audio(100))
        recording.line("3.75", "server", Recording.transcript("Rain"))
        recording.line("4.2", "server", Recording.turnComplete)
        recording.close("4.3")
        return recording.text
    }

    static func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The table's rows as (turn, metric, n, p50, p90, max) cells, header left out.
    static func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
    }

    @Test("two hand-timed recordings: exactly the figures their timestamps give, to the microsecond")
    func handTimedRecordings() throws {
        let tmp = try TemporaryDirectory("test-stats")
        try Self.write(Self.firstRun, tmp.file("run1.ndjson"))
        try Self.write(Self.secondRun, tmp.file("run2.ndjson"))
        let result = try ToolRunner.run(Self.tool, ["--stats", tmp.file("run1.ndjson"), tmp.file("run2.ndjson")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText == "")
        // p50 of two values is the lower one by nearest rank, p90 and max the higher.
        #expect(
            result.stdoutText == """
                turn  metric                      n    p50   p90   max
                1     first_output_transcript_ms  2  100.5   250   250
                1     first_audio_ms              2    200   400   400
                1     turn_complete_ms            2    500   650   650
                1     rtf                         2   1.00  2.00  2.00
                1     max_gap_ms                  2    150   200   200
                2     first_output_transcript_ms  2    320   750   750
                2     first_audio_ms              2    300   700   700
                2     turn_complete_ms            2    900  1200  1200
                2     max_gap_ms                  2    450   580   580

                """)
    }

    @Test("times as `t` in milliseconds give the same table as `time` in seconds")
    func millisecondTimes() throws {
        let inMilliseconds = Self.secondRun(milliseconds: true)
        #expect(inMilliseconds.contains(#"{"t":1100.5,"#) && !inMilliseconds.contains(#""time":"#))
        let seconds = try ToolRunner.run(Self.tool, ["--stats"], stdin: Data(Self.secondRun.utf8))
        let milliseconds = try ToolRunner.run(Self.tool, ["--stats"], stdin: Data(inMilliseconds.utf8))
        #expect(seconds.status == 0 && milliseconds.status == 0, "\(milliseconds.stderrText)")
        #expect(Self.rows(seconds.stdoutText).count == 9)
        #expect(milliseconds.stdoutText == seconds.stdoutText)
    }

    @Test("one recording from stdin ('-'); -v adds one line per file on stderr, and only then")
    func stdinAndVerbose() throws {
        let quiet = try ToolRunner.run(Self.tool, ["--stats", "-"], stdin: Data(Self.firstRun.utf8))
        #expect(quiet.status == 0, "\(quiet.stderrText)")
        #expect(quiet.stderrText == "")
        #expect(
            Self.rows(quiet.stdoutText).filter { $0[1] == "first_audio_ms" }
                == [
                    ["1", "first_audio_ms", "1", "400", "400", "400"],
                    ["2", "first_audio_ms", "1", "300", "300", "300"],
                ])
        let tmp = try TemporaryDirectory("test-stats")
        try Self.write(Self.secondRun, tmp.file("run2.ndjson"))
        let verbose = try ToolRunner.run(
            Self.tool, ["--stats", "-v", "-", tmp.file("run2.ndjson")], stdin: Data(Self.firstRun.utf8))
        #expect(verbose.status == 0, "\(verbose.stderrText)")
        #expect(
            verbose.stderrText == """
                gemini-live-test: stdin: 13 frames, 1 connection, 2 turns, closed with 1000
                gemini-live-test: \(tmp.file("run2.ndjson")): 13 frames, 1 connection, 2 turns, closed with 1000

                """)
        #expect(Self.rows(verbose.stdoutText).allSatisfy { $0[2] == "2" })
    }

    @Test("a line that is not a frame: FILE:LINE: on stderr, nothing on stdout, exit 65")
    func malformedLine() throws {
        let tmp = try TemporaryDirectory("test-stats")
        var lines = Self.firstRun.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = #"{"time":1.0,"connection":1,"frame":"text","message":{}}"#
        try Self.write(lines.joined(separator: "\n"), tmp.file("bad.ndjson"))
        lines[2] = #"{"time":1.0,"direction":"#
        try Self.write(lines.joined(separator: "\n"), tmp.file("cut.ndjson"))
        try Self.write("\n", tmp.file("empty.ndjson"))
        try Self.write(Self.secondRun, tmp.file("good.ndjson"))
        let cases: [(String, String)] = [
            ("bad.ndjson", #"bad.ndjson:3:1: direction must be "client" or "server""#),
            ("cut.ndjson", "cut.ndjson:3:"),
            ("empty.ndjson", "empty.ndjson: no frames"),
        ]
        for (name, message) in cases {
            let result = try ToolRunner.run(Self.tool, ["--stats", tmp.file("good.ndjson"), tmp.file(name)])
            #expect(result.status == 65, "\(name): \(result.stderrText)")
            #expect(result.stdoutText == "")
            #expect(result.stderrText.hasPrefix("gemini-live-test: \(tmp.path)/\(message)"), "\(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(result.stderrText)")
        }
        let piped = try ToolRunner.run(Self.tool, ["--stats"], stdin: Data("not json\n".utf8))
        #expect(piped.status == 65)
        #expect(piped.stderrText.hasPrefix("gemini-live-test: stdin:1:"), "\(piped.stderrText)")
    }

    @Test("a missing recording is 66; without a SUITE, or stdin named twice, a usage error (64) that says why")
    func missingFileAndUsage() throws {
        let tmp = try TemporaryDirectory("test-stats")
        try Self.write(Self.firstRun, tmp.file("run1.ndjson"))
        let missing = try ToolRunner.run(Self.tool, ["--stats", tmp.file("run1.ndjson"), tmp.file("missing.ndjson")])
        #expect(missing.status == 66)
        #expect(missing.stdoutText == "")
        #expect(
            missing.stderrText
                == "gemini-live-test: \(tmp.file("missing.ndjson")): cannot open: No such file or directory\n"
        )
        let noSuite = try ToolRunner.run(Self.tool, [])
        #expect(noSuite.status == 64)
        #expect(noSuite.stdoutText == "")
        #expect(noSuite.stderrText.contains("Give at least one SUITE"), "\(noSuite.stderrText)")
        // Without --stats a recording is taken for a scenario, and is not one.
        let noStats = try ToolRunner.run(Self.tool, ["--emulator", tmp.file("run1.ndjson")])
        #expect(noStats.status == 65)
        #expect(noStats.stderrText.contains("run1.ndjson:"), "\(noStats.stderrText)")
        let twice = try ToolRunner.run(Self.tool, ["--stats", "-", "-"])
        #expect(twice.status == 64)
        #expect(twice.stderrText.contains("stdin ('-') can be read only once"), "\(twice.stderrText)")
    }

    @Test("--help describes suites and --stats, and its examples fit 80 columns")
    func help() throws {
        let result = try ToolRunner.run(Self.tool, ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        let help = result.stdoutText
        let words = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Each SUITE is a scenario file"))
        #expect(words.contains("--stats reads frame recordings"))
        let examples = help.split(separator: "\n", omittingEmptySubsequences: false).drop { $0 != "EXAMPLES:" }
            .prefix { !$0.isEmpty }
        // Every line is a command or an explicit continuation of one: none was wrapped by the parser.
        #expect(examples.count > 5)
        #expect(examples.dropFirst().allSatisfy { $0.hasPrefix("  gemini-live-") || $0.hasPrefix("    | ") })
        #expect(examples.allSatisfy { $0.count <= 80 }, "\(examples)")
        #expect(examples.contains { $0.hasSuffix(" \\") })
    }

    /// Two spoken answers to two text turns, the second sent once the first reply's turnComplete (the
    /// server's, not the question's own `turnComplete`) is in the recording, so the turns do not overlap.
    @Test("a recording made live by gemini-live-session --record against the emulator, and the emulator's log")
    func liveRecording() throws {
        let emulator = try SessionEmulator()
        let recording = emulator.directory.file("session.ndjson")
        let first = Recording.question("What is the weather?")
        let second = Recording.question("And tomorrow?")
        let session = try emulator.shell(
            #"(echo '\#(first)'; wait_until has_lines 1 '"serverContent":{"turnComplete":true' '\#(recording)'; "#
                + #"echo '\#(second)') | gemini-live-session --endpoint "$URL" --record '\#(recording)' > /dev/null"#,
            timeout: 60)
        #expect(session.status == 0, "\(session.stderrText)")
        for source in [recording, emulator.logPath] {
            let result = try ToolRunner.run(Self.tool, ["--stats", "-v", source])
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stderrText.contains("1 connection, 2 turns"), "\(result.stderrText)")
            let rows = Self.rows(result.stdoutText)
            // The second question waited for the first answer: no barge-in.
            #expect(!rows.contains { $0[1] == "interrupted_ms" }, "\(result.stdoutText)")
            for metric in ["first_audio_ms", "turn_complete_ms"] {
                let figures = rows.filter { $0[1] == metric }
                #expect(figures.map { $0[0] } == ["1", "2"], "\(metric): \(result.stdoutText)")
                #expect(figures.allSatisfy { $0[2] == "1" }, "\(result.stdoutText)")
                // One value per row: the percentiles are that value, which a reply can only follow its question.
                #expect(figures.allSatisfy { Set($0[3...]).count == 1 && (Double($0[3]) ?? -1) > 0 })
            }
            let twice = try ToolRunner.run(Self.tool, ["--stats", source, source])
            #expect(twice.status == 0)
            let doubled = Self.rows(twice.stdoutText)
            #expect(doubled.map { Array($0[0..<2]) } == rows.map { Array($0[0..<2]) })
            #expect(doubled.allSatisfy { $0[2] == "2" })
        }
    }
}
