import Foundation
import GeminiLiveTestSupport
import Testing

/// gemini-live-session in pipelines and with its side features: tool commands, the cassette, slow pongs.
@Suite("session: pipelines and features", .serialized)
struct SessionPipelineTests {
    @Test("a spoken question: encode | session | emulator | decode gives a WAV of speech and the expected text")
    func spokenQuestion() throws {
        let emulator = try SessionEmulator()
        let wav = emulator.directory.file("question.wav")
        try MediaFactory.speech("what is the capital of France", to: wav)
        let reply = emulator.directory.file("reply.wav")
        let result = try emulator.shell(
            """
            gemini-live-encode --silence 1000 \(wav) \
              | gemini-live-session --endpoint "$URL" --transcribe input,output \
              | gemini-live-decode --wav \(reply) --text -
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        // The emulator's reply names what pocketsphinx heard; its small model gets the first words right.
        #expect(result.stdoutText.lowercased().contains("what is the"), "\(result.stdoutText)")
        let size = (try FileManager.default.attributesOfItem(atPath: reply)[.size] as? Int) ?? 0
        #expect(size > 24_000, "reply.wav has \(size) bytes")
    }

    @Test("the bundled question without --silence or --end is answered: the encoder marks the end of its audio")
    func spokenQuestionAsWritten() throws {
        let emulator = try SessionEmulator()
        let reply = emulator.directory.file("r.wav")
        let result = try emulator.shell(
            """
            gemini-live-encode '\(SamplesTests.samples)/question.wav' \
              | gemini-live-session --endpoint "$URL" \
              | gemini-live-decode --wav \(reply) --text -
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try wavSamples(reply).count > 24_000, "no reply audio: \(result.stderrText)")
        let kinds = try emulator.clientMessages().compactMap {
            ($0.message["realtimeInput"] as? [String: Any])?.keys.first
        }
        #expect(kinds.last == "audioStreamEnd")
    }

    @Test("the encoder's --activity with the server's VAD on is refused as a usage error naming both options")
    func activityNeedsVADOff() throws {
        let emulator = try SessionEmulator()
        let refused = try emulator.shell(
            """
            gemini-live-encode --activity '\(SamplesTests.samples)/question.wav' \
              | gemini-live-session --endpoint "$URL"
            """, timeout: 120)
        #expect(refused.status == 64, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("stdin:1: "), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("--vad off"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("--activity"), "\(refused.stderrText)")
        #expect(!refused.stderrText.contains("1007"), "\(refused.stderrText)")
        // The session connects at start, but the marker is refused before it is sent: no 1007 from the server.
        let markers = try emulator.clientMessages().filter { ($0.message["realtimeInput"] as? [String: Any]) != nil }
        #expect(markers.isEmpty, "the marker reached the server")

        let accepted = try emulator.shell(
            """
            gemini-live-encode --activity '\(SamplesTests.samples)/question.wav' \
              | gemini-live-session --endpoint "$URL" --vad off --transcribe output | gemini-live-decode --text -
            """, timeout: 120)
        #expect(accepted.status == 0, "\(accepted.stderrText)")
        #expect(accepted.stdoutText.contains("I heard"), "\(accepted.stdoutText)")
    }

    @Test("--on-tool-call answers with the command's output under the call's id")
    func toolCommand() throws {
        let emulator = try SessionEmulator(["--script", Self.script(emulator: nil, goAway: false)])
        let result = try emulator.session(
            SessionEmulatorTests.textModel + ["--on-tool-call", "cat > /dev/null; echo sunny"],
            stdin: Data((SessionLines.turn("what is the weather") + "\n").utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("toolCall"))
        #expect(result.stdoutText.contains(" is sunny."), "\(result.stdoutText)")
        let answers = try emulator.clientMessages().compactMap { $0.message["toolResponse"] as? [String: Any] }
        let response = (answers.first?["functionResponses"] as? [[String: Any]])?.first
        #expect(response?["id"] as? String == "call_weather_1")
        #expect((response?["response"] as? [String: Any])?["output"] as? String == "sunny")
    }

    @Test("a goAway during a tool call: the answer still goes out, then the session moves on with a fresh handle")
    func goAwayDuringToolCall() throws {
        let emulator = try SessionEmulator(
            ["--script", Self.script(emulator: nil, goAway: true), "--consumed-index"])
        let result = try emulator.session(
            SessionEmulatorTests.textModel + [
                "--on-tool-call", "cat > /dev/null; echo '{\"output\":\"rainy\"}'", "-v",
            ],
            stdin: Data((SessionLines.turn("what is the weather") + "\n").utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains(" is rainy."), "\(result.stdoutText)")
        #expect(result.stderrText.contains("goAway"))
        let messages = try emulator.clientMessages()
        #expect(messages.filter { $0.message["toolResponse"] != nil }.count == 1)
        #expect(messages.filter { $0.message["clientContent"] != nil }.count == 1)
    }

    @Test("--record writes a header, then both directions with times, handles redacted; the key never appears")
    func cassette() throws {
        let emulator = try SessionEmulator(["--api-key", "sekrit-key"])
        let cassette = emulator.directory.file("cassette.ndjson")
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"),
            ["--endpoint", emulator.url, "--record", cassette] + SessionEmulatorTests.textModel,
            stdin: Data((SessionLines.turn("Hello") + "\n").utf8),
            environment: ["GEMINI_API_KEY": "sekrit-key", "GOOGLE_API_KEY": ""], timeout: 30)
        #expect(result.status == 0, "\(result.stderrText)")
        let text = try String(contentsOfFile: cassette, encoding: .utf8)
        #expect(!text.contains("sekrit-key"))
        var entries = text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let header = entries.removeFirst()
        #expect(header["cassette"] as? Int == 1 && header["model"] as? String == "models/gemini-live-2.5-flash-preview")
        #expect(header["redacted"] as? [String] == ["x-goog-api-key"] && header["tool"] != nil)
        let times = entries.compactMap { $0["t"] as? Double }
        #expect(times.count == entries.count && times == times.sorted())
        #expect(Set(entries.compactMap { $0["direction"] as? String }) == ["client", "server"])
        #expect(entries.contains { $0["frame"] as? String == "close" && $0["code"] as? Int == 1000 })
        #expect(text.contains("<redacted>"))
        #expect(!text.contains(#""newHandle":"0"#) && !text.contains(#"newHandle":"1"#))
    }

    /// The session connects at its first input line; the second waits until the emulator's log shows two pongs
    /// sent (so the session's second ping checked that the first was answered). Each pong comes a whole second
    /// before the next ping, so a busy machine does not make it late.
    @Test("a pong slower than half the ping interval but within it keeps the session (1 s pongs, 2 s pings)")
    func slowPongs() throws {
        let emulator = try SessionEmulator(["--slow-pongs", "1"])
        let result = try emulator.shell(
            #"(echo '{"realtimeInput":{"text":"hello"}}'; "#
                + #"wait_until has_lines 2 '"pong"' "\#(emulator.logPath)"; "#
                + #"echo '{"realtimeInput":{"text":"still there"}}') | gemini-live-session --endpoint "$URL" --ping-interval 2 "#
                + SessionEmulatorTests.textModel.joined(separator: " "), timeout: 60)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("still there"))
        #expect(try emulator.clientMessages().map(\.connection) == [1, 1])
        #expect(try emulator.log().filter { $0["frame"] as? String == "pong" }.count >= 2)
    }

    @Test("wss with a private root via --ca-file, by name and by loopback address; without it verification fails")
    func tlsWithPrivateRoot() throws {
        let directory = try TemporaryDirectory("session-tls")
        let certificate = try LocalhostCertificate(in: directory)
        let key = certificate.keyPath
        let cert = certificate.certificatePath
        let emulator = try SessionEmulator(["--tls-cert", cert, "--tls-key", key])
        #expect(emulator.url.hasPrefix("wss://localhost:"))
        let port = emulator.url.split(separator: ":").last.map(String.init) ?? ""
        for endpoint in [emulator.url, "wss://127.0.0.1:\(port)"] {
            let result = try ToolRunner.run(
                ToolRunner.tool("gemini-live-session"),
                ["--endpoint", endpoint, "--ca-file", cert] + SessionEmulatorTests.textModel,
                stdin: Data((SessionLines.turn("secure hello") + "\n").utf8), timeout: 30)
            #expect(result.status == 0, "\(endpoint): \(result.stderrText)")
            #expect(SessionLines.turnCompletes(result) == 1)
        }
        let untrusted = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--endpoint", emulator.url], timeout: 30)
        #expect(untrusted.status == 69)
        #expect(
            untrusted.stderrText.contains("localhost: certificate not trusted by the system: give --ca-file FILE"),
            "\(untrusted.stderrText)")
        // Nothing of BoringSSL's error stack or the build's paths.
        for leak in ["CERTIFICATE_VERIFY_FAILED", "OPENSSL_internal", "error:", ".cc:", "/.build/"] {
            #expect(!untrusted.stderrText.contains(leak), "\(leak) in \(untrusted.stderrText)")
        }
        #expect(!untrusted.stderrText.contains("reconnecting"), "a certificate failure is not retried")
    }

    /// Writes the weather script (optionally with a goAway right before the tool call) and returns its path.
    static func script(emulator: SessionEmulator?, goAway: Bool) throws -> String {
        let directory = try TemporaryDirectory("session-script")
        let path = directory.path + ".json"
        let steps: [[String: Any]] =
            (goAway ? [["fault": "goAway"]] : []) + [
                ["toolCall": ["name": "get_weather", "args": ["city": "Paris"], "id": "call_weather_1"]],
                ["say": "The weather in Paris is {{response}}."],
            ]
        let script: [String: Any] = ["rules": [["match": ["text": "weather"], "reply": steps]]]
        try JSONSerialization.data(withJSONObject: script).write(to: URL(fileURLWithPath: path))
        return path
    }
}
