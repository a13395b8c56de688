import Foundation
import GeminiLiveTestSupport
import Testing

/// Runs the built `gemini-live-decode`.
func decode(_ arguments: [String], stdin: Data? = nil, timeout: Double = 120) throws -> ProcessResult {
    try ToolRunner.run(ToolRunner.tool("gemini-live-decode"), arguments, stdin: stdin, timeout: timeout)
}

@Suite("decode: outputs")
struct DecodeTests {
    /// Two turns: one complete with transcripts and usage, one interrupted after a tool call.
    static func conversation() -> (stream: ServerStream, turn1: [Int16], turn2: [Int16]) {
        var stream = ServerStream()
        let turn1 = rampSamples(2_400 * 3, seed: 1)
        let turn2 = rampSamples(960 * 5, seed: 2)
        stream.add(["setupComplete": [:]], pretty: true)
        stream.add(["realtimeInput": ["audioStreamEnd": true]])  // a client line in the log: skipped
        stream.inputTranscript("what is the")
        stream.inputTranscript(" weather")
        for index in 0..<3 {
            stream.audio(Array(turn1[(index * 2_400)..<((index + 1) * 2_400)]), pretty: index == 1)
            stream.outputTranscript(["It is", " sunny", " today."][index])
        }
        stream.text("Let me think.", thought: true)
        stream.generationComplete()
        stream.turnComplete(prompt: 12, response: 30)
        stream.add(["toolCall": ["functionCalls": [["id": "call_7", "name": "get_time", "args": ["zone": "CET"]]]]])
        for index in 0..<5 {
            stream.audio(Array(turn2[(index * 960)..<((index + 1) * 960)]), snakeCase: index % 2 == 0)
        }
        stream.outputTranscript("The time")
        stream.interrupted()
        stream.turnComplete(prompt: 3, response: 4)
        return (stream, turn1, turn2)
    }

    @Test("one pass writes the WAV, per-turn files, text, transcript, events and JSON records")
    func everyOutputAtOnce() throws {
        let tmp = try TemporaryDirectory("decode")
        let (stream, turn1, turn2) = Self.conversation()
        let result = try decode(
            [
                "--wav", tmp.file("all.wav"), "--split-turns", tmp.file("turns"), "--text", "-",
                "--transcript", tmp.file("dialogue.txt"), "--events", tmp.file("events.txt"), "--json",
                tmp.file("turns.ndjson"),
                "-v",
            ], stdin: stream.data)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "It is sunny today.\nThe time\n")
        #expect(try wavSamples(tmp.file("all.wav")) == turn1 + turn2)
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.file("turns")).sorted()
        #expect(files == ["turn-0001.wav", "turn-0002-interrupted.wav"])
        #expect(try wavSamples(tmp.file("turns/turn-0001.wav")) == turn1)
        #expect(try wavSamples(tmp.file("turns/turn-0002-interrupted.wav")) == turn2)
        let dialogue = try String(contentsOfFile: tmp.file("dialogue.txt"), encoding: .utf8)
        #expect(
            dialogue == """
                user: what is the weather
                model: It is sunny today.
                tool call: get_time({"zone":"CET"}) id=call_7
                model: The time [interrupted]
                usage: 15 prompt + 34 response tokens, 49 total, over 2 turns

                """)
        let records = try String(contentsOfFile: tmp.file("turns.ndjson"), encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(records.count == 2)
        #expect(records[0]["turn"] as? Int == 1 && records[0]["interrupted"] as? Bool == false)
        #expect(records[0]["inputTranscript"] as? String == "what is the weather")
        #expect(abs((records[0]["audioSeconds"] as? Double ?? 0) - 0.3) < 1e-9)
        #expect((records[0]["usage"] as? [String: Any])?["totalTokenCount"] as? Int == 42)
        #expect(records[1]["interrupted"] as? Bool == true)
        #expect(((records[1]["toolCalls"] as? [[String: Any]])?.first)?["id"] as? String == "call_7")
        let events = try String(contentsOfFile: tmp.file("events.txt"), encoding: .utf8).split(separator: "\n")
        #expect(events.count == stream.lines.count - 1)  // one per server message; the client line is skipped
        #expect(events.contains { $0.contains("toolCall") && $0.contains("get_time") })
        #expect(result.stderrText.contains("1 values skipped"))
    }

    @Test("--thoughts adds thought parts; text parts win over transcription")
    func thoughtsAndTextParts() throws {
        var stream = ServerStream()
        stream.text("Considering.", thought: true)
        stream.text("Paris.")
        stream.outputTranscript("Paris")
        stream.turnComplete()
        #expect(try decode(["--text", "-"], stdin: stream.data).stdoutText == "Paris.\n")
        #expect(
            try decode(["--text", "-", "--thoughts", "--stream"], stdin: stream.data).stdoutText
                == "Considering.Paris.\n")
    }

    @Test("--raw streams PCM as it arrives, resampled, with silence at turn ends")
    func rawOutput() throws {
        var stream = ServerStream()
        let samples = rampSamples(4_800)
        stream.audio(samples)
        stream.turnComplete()
        let plain = try decode(["--raw", "--flush-silence", "100"], stdin: stream.data)
        #expect(plain.status == 0)
        let pcm = plain.stdout.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(pcm == samples + [Int16](repeating: 0, count: 2_400))

        var tone = ServerStream()
        let sine = (0..<24_000).map { Int16(10_000 * sin(2 * Double.pi * 1_000 * Double($0) / 24_000)) }
        tone.audio(sine)
        tone.turnComplete()
        let resampled = try decode(["--raw", "--resample", "16000"], stdin: tone.data)
        let out = resampled.stdout.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(out.count == 16_000)
        #expect(SignalMeasure.dominantFrequency(out[2_000..<14_000], rate: 16_000, range: 950...1_050) == 1_000)
    }

    @Test("FLAC and Ogg outputs by extension; a missing rate means 24 kHz")
    func containers() throws {
        let tmp = try TemporaryDirectory("containers")
        var stream = ServerStream()
        let samples = rampSamples(24_000)
        stream.audio(samples, rate: nil)
        stream.turnComplete()
        #expect(try decode(["--out", tmp.file("a.flac")], stdin: stream.data).status == 0)
        #expect(try wavSamples(tmp.file("a.flac")) == samples)
        #expect(try decode(["--out", tmp.file("a.ogg")], stdin: stream.data).status == 0)
        let info = try ToolRunner.run("soxi", ["-r", tmp.file("a.ogg")])
        #expect(info.stdoutText == "24000\n")
    }
}
