import Foundation
import GeminiLiveTestSupport
import Testing

@Suite("decode: round trip, bad input, interruption")
struct DecodeRobustnessTests {
    @Test("encode → server lines made from the encoded audio → decode reproduces the audio sample-exactly")
    func roundTrip() throws {
        let tmp = try TemporaryDirectory("roundtrip")
        let source = tmp.file("speech.wav")
        try MediaFactory.speech("hello world, the round trip must be exact", to: tmp.file("espeak.wav"))
        try MediaFactory.sox([tmp.file("espeak.wav"), "-r", "16000", "-c", "1", "-b", "16", source])
        let encoded = try encode(["--no-end", source])
        #expect(encoded.status == 0)
        var stream = ServerStream()
        for line in encoded.stdoutLines {
            let message = try JSONSerialization.jsonObject(with: line) as! [String: Any]
            let audio = (message["realtimeInput"] as! [String: Any])["audio"] as! [String: Any]
            stream.add(["serverContent": ["modelTurn": ["parts": [["inlineData": audio]]]]])
        }
        stream.turnComplete()
        let result = try decode(["--wav", tmp.file("back.wav")], stdin: stream.data)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try wavSamples(tmp.file("back.wav")) == (try wavSamples(source)))
    }

    @Test("bad lines are reported as source:line and skipped; everything else is kept; exit 65")
    func badLines() throws {
        var stream = ServerStream()
        let good = rampSamples(2_400)
        stream.audio(good)
        stream.addRaw("{\"serverContent\": {\"modelTurn\": ")  // line 2: cut off
        stream.add([
            "serverContent": [
                "modelTurn": [
                    "parts": [["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": "@@@not base64@@@"]]]
                ]
            ]
        ])
        stream.add([
            "serverContent": [
                "modelTurn": ["parts": [["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": "AAEC"]]]]
            ]
        ])
        stream.add([
            "serverContent": ["modelTurn": ["parts": [["inlineData": ["mimeType": "audio/mpeg", "data": "AAAA"]]]]]
        ])
        stream.addRaw("[1, 2]")
        stream.audio(good)
        stream.outputTranscript("still here")
        stream.turnComplete()
        let tmp = try TemporaryDirectory("badlines")
        let result = try decode(["--wav", tmp.file("out.wav"), "--text", "-"], stdin: stream.data)
        #expect(result.status == 65)
        let errors = result.stderrText.split(separator: "\n")
        #expect(errors.count == 5, "\(result.stderrText)")
        for (error, line) in zip(errors, [2, 3, 4, 5, 6]) {
            #expect(error.hasPrefix("gemini-live-decode: stdin:\(line): "), "\(error)")
        }
        #expect(errors[1].contains("base64"))
        #expect(errors[2].contains("16-bit"))
        #expect(errors[3].contains("audio/mpeg"))
        #expect(errors[4].contains("not a JSON object"))
        #expect(try wavSamples(tmp.file("out.wav")) == good + good)
        #expect(result.stdoutText == "still here\n")

        let strict = try decode(["--text", "-", "--strict"], stdin: stream.data)
        #expect(strict.status == 65)
        #expect(strict.stderrText.split(separator: "\n").count == 1)
    }

    @Test("the WAV is valid while decoding runs, and SIGTERM leaves a complete FLAC")
    func validWhileRunningAndOnSignal() throws {
        let tmp = try TemporaryDirectory("live")
        var first = ServerStream()
        first.audio(rampSamples(24_000))
        try first.data.write(to: URL(fileURLWithPath: tmp.file("first.ndjson")))
        let decodeTool = ToolRunner.tool("gemini-live-decode")
        // Feed one second of audio and keep the pipe open: the WAV must come to hold all of it while the
        // decoder still waits for more (polled, so a busy machine only makes it slower; a decoder that never
        // got there is killed by the timeout). Then stop the decoder.
        let script = """
            set -e
            mkfifo '\(tmp.file("fifo"))'
            '\(decodeTool)' --wav '\(tmp.file("live.wav"))' --out '\(tmp.file("live.flac"))' < '\(tmp.file("fifo"))' &
            pid=$!
            exec 3>'\(tmp.file("fifo"))'
            cat '\(tmp.file("first.ndjson"))' >&3
            wav_full() { [ "$(soxi -s '\(tmp.file("live.wav"))' 2>/dev/null)" = 24000 ]; }
            wait_until wav_full
            kill -0 $pid && echo running
            kill -TERM $pid
            wait $pid || echo "status $?"
            soxi -s '\(tmp.file("live.flac"))'
            """
        let result = try ToolRunner.shell(script, timeout: 60)
        #expect(result.stdoutText == "running\nstatus 143\n24000\n", "\(result.stderrText)")
    }

    @Test("a stream without audio still leaves a valid, empty WAV")
    func emptyStream() throws {
        let tmp = try TemporaryDirectory("empty")
        var stream = ServerStream()
        stream.text("no audio here")
        stream.turnComplete()
        let result = try decode(["--wav", tmp.file("empty.wav")], stdin: stream.data)
        #expect(result.status == 0)
        #expect(try wavSamples(tmp.file("empty.wav")).isEmpty)
    }

    @Test("an input without a single server message is 65, named on stderr, and leaves no empty WAV")
    func noServerMessage() throws {
        let tmp = try TemporaryDirectory("nomessage")
        let empty = try decode(["--wav", tmp.file("reply.wav"), "--text", "-"], stdin: Data())
        #expect(empty.status == 65, "\(empty.stderrText)")
        #expect(empty.stderrText.contains("no server message in stdin"), "\(empty.stderrText)")
        #expect(empty.stderrText.split(separator: "\n").count == 1, "\(empty.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: tmp.file("reply.wav")))

        // The encoder's output fed to the decoder by mistake: client messages only.
        let clientOnly = Data(#"{"realtimeInput":{"text":"hi"}}"#.utf8 + [0x0A])
        let skipped = try decode(["--wav", tmp.file("reply.wav")], stdin: clientOnly)
        #expect(skipped.status == 65)
        #expect(skipped.stderrText.contains("1 client message skipped"), "\(skipped.stderrText)")
    }

    @Test("usage errors are 64, an unwritable output 73, a missing input 66")
    func usageAndMissing() throws {
        for arguments in [
            [], ["--text", "-", "--json", "-"], ["--out", "x.mp3"], ["--wav", "x.flac"],
            ["--flush-silence", "10", "--wav", "a.wav"], ["--stream", "--wav", "a.wav"],
        ] {
            let result = try decode(arguments, stdin: Data())
            #expect(result.status == 64, "\(arguments): \(result.stderrText)")
        }
        let unwritable = try decode(["--wav", "/nonexistent/dir/a.wav"], stdin: Data())
        #expect(unwritable.status == 73 && unwritable.stderrText.contains("/nonexistent/dir/a.wav"))
        let opusRate = try decode(["--out", "/tmp/x.opus", "--resample", "44100"], stdin: Data())
        #expect(opusRate.status == 64 && opusRate.stderrText.contains("Opus"))
        // The user already resampled: the fix is another --resample rate, not "resample first".
        #expect(opusRate.stderrText.contains("give --resample 24000 or 48000"), "\(opusRate.stderrText)")
        #expect(!opusRate.stderrText.contains("resample first"))
        let missing = try decode(["--text", "-", "/nonexistent/log.ndjson"])
        #expect(missing.status == 66)
        #expect(missing.stderrText.contains("/nonexistent/log.ndjson"))
    }

    @Test("a player that goes away ends --raw quietly")
    func closedPipe() throws {
        let tmp = try TemporaryDirectory("rawpipe")
        var stream = ServerStream()
        for _ in 0..<50 { stream.audio(rampSamples(24_000)) }
        try stream.data.write(to: URL(fileURLWithPath: tmp.file("in.ndjson")))
        let result = try ToolRunner.shell(
            "gemini-live-decode --raw '\(tmp.file("in.ndjson"))' | head -c 1000 >/dev/null; echo \"status=${PIPESTATUS[0]}\" >&2"
        )
        #expect(result.stderrText == "status=0\n")
    }

    /// The exit table's codes and the options are checked against the man page by `ManPageTests`.
    @Test("--help shows examples and an exit table")
    func help() throws {
        let help = try decode(["--help"]).stdoutText
        for text in ["EXAMPLES:", "EXIT STATUS:", "--split-turns"] { #expect(help.contains(text)) }
    }
}

@Suite("decode: large inputs")
struct DecodeLargeInputTests {
    @Test("a long NDJSON stream decodes in order across many parallel batches, also from a pipe in small writes")
    func orderAcrossBatches() throws {
        let tmp = try TemporaryDirectory("large")
        var stream = ServerStream()
        var expected: [Int16] = []
        for index in 0..<1_500 {  // 60 s of 40 ms chunks: about 4 MB of NDJSON
            let chunk = rampSamples(960, seed: index)
            expected += chunk
            stream.audio(chunk)
            if index % 250 == 249 { stream.turnComplete() }
        }
        try stream.data.write(to: URL(fileURLWithPath: tmp.file("in.ndjson")))
        let fromFile = try decode(["--wav", tmp.file("a.wav"), tmp.file("in.ndjson")])
        #expect(fromFile.status == 0, "\(fromFile.stderrText)")
        #expect(try wavSamples(tmp.file("a.wav")) == expected)
        // Through a pipe in 1000-byte writes, so batches end mid-line everywhere.
        let piped = try ToolRunner.shell(
            "dd if='\(tmp.file("in.ndjson"))' bs=1000 status=none | gemini-live-decode --wav '\(tmp.file("b.wav"))'")
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(try wavSamples(tmp.file("b.wav")) == expected)
    }

    @Test("a 24 MiB line (one huge audio part) is read whole")
    func hugeLine() throws {
        let tmp = try TemporaryDirectory("huge")
        var stream = ServerStream()
        let samples = rampSamples(9_000_000, seed: 3)
        stream.audio(samples)
        stream.turnComplete()
        try stream.data.write(to: URL(fileURLWithPath: tmp.file("in.ndjson")))
        let result = try decode(["--wav", tmp.file("a.wav"), tmp.file("in.ndjson")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try wavSamples(tmp.file("a.wav")).count == samples.count)
    }
}
