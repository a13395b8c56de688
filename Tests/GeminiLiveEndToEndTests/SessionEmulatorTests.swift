import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-session` against a real `gemini-live-emulator` process.
@Suite("session: against the emulator", .serialized)
struct SessionEmulatorTests {
    static let textModel = ["--model", "gemini-live-2.5-flash-preview", "--modality", "text"]

    /// A shell loop writing realtimeInput.text lines `message N` for each N in `numbers`, `gap` seconds apart.
    static func paced(_ numbers: ClosedRange<Int>, gap: Double) -> String {
        #"for i in $(seq \#(numbers.lowerBound) \#(numbers.upperBound)); do "#
            + #"echo "{\"realtimeInput\":{\"text\":\"message $i\"}}"; sleep \#(gap); done"#
    }

    /// How often each `message N` reached the emulator.
    static func arrivals(_ emulator: SessionEmulator, count: Int) throws -> [Int] {
        let texts = SessionLines.texts(try emulator.clientMessages())
        return (1...count).map { number in texts.filter { $0 == "message \(number)" }.count }
    }

    @Test("a text turn: setup, the question, the answer as compact lines, turnComplete, close 1000, exit 0")
    func textRoundTrip() throws {
        let emulator = try SessionEmulator()
        let result = try emulator.session(
            Self.textModel, stdin: Data((SessionLines.turn("Hello there") + "\n").utf8), schemaKind: "server")
        #expect(result.status == 0, "\(result.stderrText)")
        let objects = SessionLines.objects(result)
        #expect(objects.count == result.stdoutLines.count)
        #expect(objects.first?["setupComplete"] != nil)
        #expect(result.stdoutText.contains("Hello there"))
        #expect(SessionLines.turnCompletes(result) == 1)
        let log = try emulator.log()
        let setup = log.first { ($0["message"] as? [String: Any])?["setup"] != nil }?["message"] as? [String: Any]
        let sent = setup?["setup"] as? [String: Any]
        #expect(sent?["model"] as? String == "models/gemini-live-2.5-flash-preview")
        #expect(sent?["sessionResumption"] != nil)
        #expect(log.last?["frame"] as? String == "close")
    }

    @Test(
        "goAway: the session moves to a new connection with the handle; nothing lost, nothing repeated with the index",
        arguments: [false, true])
    func goAwayResumes(consumedIndex: Bool) throws {
        let emulator = try SessionEmulator(
            ["--connection-lifetime", "3", "--go-away-lead", "1"] + (consumedIndex ? ["--consumed-index"] : []))
        // The second half of the messages waits until the emulator has logged its goAway, so the move to a new
        // connection happens mid-input on a busy machine too (paced input alone could all be sent before it).
        let result = try emulator.shell(
            "(" + Self.paced(1...6, gap: 0.4) + "; wait_until has_lines 1 goAway '\(emulator.logPath)'; "
                + Self.paced(7...12, gap: 0.4) + ") | gemini-live-session --endpoint \"$URL\" "
                + Self.textModel.joined(separator: " ")
                + " -v")
        #expect(result.status == 0, "\(result.stderrText)")
        let messages = try emulator.clientMessages()
        #expect(Set(messages.map(\.connection)).count >= 2, "\(result.stderrText)")
        let arrivals = try Self.arrivals(emulator, count: 12)
        if consumedIndex {
            #expect(arrivals == Array(repeating: 1, count: 12))
            #expect(SessionLines.turnCompletes(result) == 12)
        } else {
            // Messages sent within --in-flight margin of the last handle may repeat; none may be lost.
            #expect(arrivals.allSatisfy { $0 >= 1 }, "lost: \(arrivals)")
        }
        let setups = SessionLines.objects(result).filter { $0["setupComplete"] != nil }
        #expect(setups.count >= 2)
        #expect(result.stderrText.contains("goAway"))
    }

    @Test(
        "a drop or a 1011 mid-stream: resumed, nothing lost; with the consumed index nothing repeats",
        arguments: [
            ["--drop-after", "5"], ["--drop-after", "5", "--consumed-index"],
            ["--fail-after", "5", "--consumed-index"],
            ["--fail-after", "4"],
        ])
    func faultMidStream(fault: [String]) throws {
        let emulator = try SessionEmulator(fault)
        let result = try emulator.shell(
            Self.paced(1...10, gap: 0.1) + " | gemini-live-session --idle-timeout 3 --endpoint \"$URL\" "
                + Self.textModel.joined(separator: " "))
        #expect(result.status == 0, "\(result.stderrText)")
        let expected = fault[0] == "--drop-after" ? "without a close frame" : "1011 (internal error): Internal error"
        #expect(result.stderrText.contains(expected))
        let arrivals = try Self.arrivals(emulator, count: 10)
        #expect(arrivals.allSatisfy { $0 >= 1 }, "lost: \(arrivals)")
        if fault.contains("--consumed-index") {
            // The message that tripped the fault was never processed; it alone is sent again.
            let trigger = Int(fault[1])!
            var exact = Array(repeating: 1, count: 10)
            exact[trigger - 1] = 2
            #expect(arrivals == exact)
        }
        #expect(try emulator.clientMessages().map(\.connection).max() == 2)
    }

    @Test("bad lines are reported as stdin:LINE and skipped; --strict ends with 65")
    func badLines() throws {
        let emulator = try SessionEmulator()
        let input = [
            SessionLines.turn("first"), "{not json", #"{"realtimeInput":{"text":"x"},"extra":1}"#,
            #"{"bogus":{}}"#, #"[1,2]"#, #"{"toolResponse":{"functionResponses":[{"name":"f"}]}}"#,
            SessionLines.turn("last"),
        ].joined(separator: "\n")
        let result = try emulator.session(Self.textModel, stdin: Data(input.utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        for line in 2...6 { #expect(result.stderrText.contains("stdin:\(line): "), "line \(line)") }
        #expect(SessionLines.texts(try emulator.clientMessages()) == ["first", "last"])
        #expect(SessionLines.turnCompletes(result) == 2)

        let strict = try emulator.session(Self.textModel + ["--strict"], stdin: Data(input.utf8))
        #expect(strict.status == 65)
        #expect(strict.stderrText.contains("stdin:2: not JSON"))
    }

    @Test(
        "close codes become exit codes, with the code and the full reason on stderr",
        arguments: [
            (["--model", "no-such-model"], [String: String](), Int32(78), "1008"),
            (
                ["--modality", "text"], [:], 76,
                "Cannot extract voices from a non-audio request.; the model answers in audio only: drop --modality text"
            ),
            // gemini-3.1 refuses TEXT with a 1011: not retried until the retries run out (69), refused at once.
            (
                ["--model", "gemini-3.1-flash-live-preview", "--modality", "text"], [:], 76,
                "use --transcribe output"
            ),
            ([], ["GEMINI_API_KEY": "wrong"], 77, "API key not valid"),
            (["--resume", "stale-handle"], [:], 78, "BidiGenerateContent session not found"),
        ])
    func closeCodes(arguments: [String], environment: [String: String], status: Int32, text: String) throws {
        let emulator = try SessionEmulator(["--api-key", "secret"])
        // The timeout only catches a hang: on a busy machine a first attempt may time out and be retried.
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--endpoint", emulator.url] + arguments,
            environment: ["GEMINI_API_KEY": "secret", "GOOGLE_API_KEY": ""].merging(environment) { $1 }, timeout: 120)
        #expect(result.status == status, "\(result.stderrText)")
        #expect(result.stderrText.contains(text))
    }

    @Test("nothing listening: retried, then 69")
    func unreachable() throws {
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--endpoint", "ws://127.0.0.1:9", "--retries", "1"], timeout: 120)
        #expect(result.status == 69, "\(result.stderrText)")
        #expect(result.stderrText.contains("giving up after 2 attempts"))
    }

    @Test("a first stdin line holding a setup is the setup; flags override its fields; mediaChunks are rewritten")
    func setupLineAndLegacy() throws {
        let emulator = try SessionEmulator()
        let input = [
            #"{"setup":{"model":"models/gemini-2.0-flash-exp","generation_config":{"temperature":0.5}}}"#,
            #"{"realtime_input":{"media_chunks":[{"mime_type":"audio/pcm;rate=16000","data":"AAAAAA=="}]}}"#,
        ].joined(separator: "\n")
        let result = try emulator.session(
            ["--model", "gemini-3.8-live", "--idle-timeout", "1"], stdin: Data(input.utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        let log = try emulator.log()
        let setup = log.compactMap { ($0["message"] as? [String: Any])?["setup"] as? [String: Any] }.first
        #expect(setup?["model"] as? String == "models/gemini-3.8-live")
        #expect((setup?["generationConfig"] as? [String: Any])?["temperature"] as? Double == 0.5)
        let messages = try emulator.clientMessages()
        #expect(messages.count == 1)
        #expect((messages.first?.message["realtimeInput"] as? [String: Any])?["audio"] != nil)
    }

    @Test("setup flags reach the wire: voice, language, system @FILE, tools, search, transcription, VAD, compression")
    func setupFlags() throws {
        let emulator = try SessionEmulator()
        let system = emulator.directory.file("system.txt")
        try "Answer in one word.\n".write(toFile: system, atomically: true, encoding: .utf8)
        let tools = emulator.directory.file("tools.json")
        try #"[{"name":"get_time","description":"Current time","parameters":{"type":"object"}}]"#.write(
            toFile: tools, atomically: true, encoding: .utf8)
        let result = try emulator.session(
            [
                "--voice", "Kore", "--language", "en-US", "--system", "@" + system, "--tools", tools, "--google-search",
                "--transcribe", "input,output", "--vad", "off", "--start-sensitivity", "low", "--silence-ms", "700",
                "--no-interruption", "--compression", "--temperature", "0.4",
            ], stdin: Data())
        #expect(result.status == 0, "\(result.stderrText)")
        let setup = try emulator.log().compactMap { ($0["message"] as? [String: Any])?["setup"] as? [String: Any] }
            .first
        let generation = setup?["generationConfig"] as? [String: Any]
        #expect(generation?["temperature"] as? Double == 0.4)
        let speech = generation?["speechConfig"] as? [String: Any]
        #expect(speech?["languageCode"] as? String == "en-US")
        let voice = (speech?["voiceConfig"] as? [String: Any])?["prebuiltVoiceConfig"] as? [String: Any]
        #expect(voice?["voiceName"] as? String == "Kore")
        let instruction = (setup?["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]]
        #expect(instruction?.first?["text"] as? String == "Answer in one word.")
        let toolList = setup?["tools"] as? [[String: Any]]
        #expect(toolList?.count == 2)
        #expect(toolList?.last?["googleSearch"] != nil)
        #expect(setup?["inputAudioTranscription"] != nil && setup?["outputAudioTranscription"] != nil)
        let realtime = setup?["realtimeInputConfig"] as? [String: Any]
        #expect(realtime?["activityHandling"] as? String == "NO_INTERRUPTION")
        let detection = realtime?["automaticActivityDetection"] as? [String: Any]
        #expect(detection?["disabled"] as? Bool == true)
        #expect(detection?["startOfSpeechSensitivity"] as? String == "START_SENSITIVITY_LOW")
        #expect(detection?["silenceDurationMs"] as? Int == 700)
        #expect((setup?["contextWindowCompression"] as? [String: Any])?["slidingWindow"] != nil)
        #expect(setup?["sessionResumption"] != nil)
    }

    @Test("two --input FIFOs are merged line by line, never interleaved")
    func mergedInputs() throws {
        let emulator = try SessionEmulator()
        let dir = emulator.directory
        let script = """
            mkfifo \(dir.file("a")) \(dir.file("b"))
            line() { printf '{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"%s"}}}\\n' \
              "$(head -c 6000 /dev/zero | tr '\\0' "$1" | base64 -w0)"; }
            (for i in $(seq 1 60); do line A; done > \(dir.file("a"))) &
            (for i in $(seq 1 60); do line B; done > \(dir.file("b"))) &
            gemini-live-session --endpoint "$URL" --idle-timeout 1 --input \(dir.file("a")) --input \(dir.file("b"))
            """
        let result = try emulator.shell(script)
        #expect(result.status == 0, "\(result.stderrText)")
        let datas = try emulator.clientMessages().compactMap {
            (($0.message["realtimeInput"] as? [String: Any])?["audio"] as? [String: Any])?["data"] as? String
        }
        #expect(datas.count == 120)
        let decoded = datas.compactMap { Data(base64Encoded: $0) }
        #expect(decoded.count == 120)
        #expect(decoded.allSatisfy { $0.count == 6000 && Set($0).count == 1 })
        #expect(decoded.filter { $0.first == UInt8(ascii: "A") }.count == 60)
    }
}
