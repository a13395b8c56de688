import Foundation
import GeminiLiveTestSupport
import Testing

/// samples/web in headless Chromium against the emulator: the chat page through `serve.sh`, and the seed
/// tutorial's protocol through websocketd and `gemini-live-decode --relay`.
///
/// `scripts/browser.py` starts the server and Chromium (fake camera; fake microphone playing a WAV once),
/// drives the page over the DevTools protocol and stops both whatever happens; each step waits for a
/// condition on the page's state with a generous timeout, so a slow machine only takes longer.
@Suite("samples/web: the chat page in a real browser", .serialized)
struct BrowserChatTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let web = repository + "/samples/web"

    /// Runs `steps` on the page at `url` (`{port}`: the server's) while `server` runs; each step's value. A step
    /// that fails records an issue with the value of `state` on the page at that moment.
    static func browse(
        server: String, url: String = "http://127.0.0.1:{port}/", audio: String? = nil, emulator: SessionEmulator,
        state: String = "JSON.stringify(window.chat)", window: String = "480,960", steps: [[String: Any]]
    ) throws -> [Any] {
        let tmp = try TemporaryDirectory("browser")
        try JSONSerialization.data(withJSONObject: steps).write(to: URL(fileURLWithPath: tmp.file("steps.json")))
        var arguments = [repository + "/scripts/browser.py", "--server", server, "--url", url, "--timeout", "180"]
        arguments += ["--state", state, "--window", window]
        if let audio { arguments += ["--audio", audio] }
        let path =
            "\(ToolRunner.binaryDirectory.path):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"
        let result = try ToolRunner.run(
            "python3", arguments + ["@" + tmp.file("steps.json")],
            environment: ["PATH": path, "GEMINI_LIVE_ENDPOINT": emulator.url, "GEMINI_LIVE_MODEL": ""],
            timeout: 900)
        let values = result.stdoutLines.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let failure = values.first { $0["error"] != nil }
        #expect(result.status == 0 && failure == nil, "\(failure ?? [:])\n\(result.stderrText)")
        try #require(values.count == steps.count, "\(result.stdoutText)\n\(result.stderrText)")
        return values.map { $0["value"] ?? NSNull() }
    }

    /// `chat` (the page's state) parsed from a step that returned `JSON.stringify(chat)`.
    static func state(_ value: Any) throws -> [String: Any] {
        let text = try #require(value as? String)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func click(_ id: String) -> [String: Any] { ["eval": "document.getElementById('\(id)').click(); true"] }

    static func type(_ text: String) -> [String: Any] {
        ["eval": "document.getElementById('question').value = '\(text)'; document.getElementById('send').click(); true"]
    }

    static func wait(_ condition: String, _ what: String) -> [String: Any] { ["wait": condition, "what": what] }

    /// Festival's voice saying `words` between silences, as the fake microphone plays it: the emulator's
    /// recogniser understands it, and its activity detection sees the speech end.
    static func microphone(_ words: String, in tmp: TemporaryDirectory) throws -> String {
        try MediaFactory.speech(words, to: tmp.file("speech.wav"))
        try MediaFactory.sox([
            tmp.file("speech.wav"), "-r", "48000", "-c", "1", "-b", "16", tmp.file("mic.wav"), "pad", "1", "3",
        ])
        return tmp.file("mic.wav")
    }

    @Test(
        "serve.sh: a spoken question, a typed one, an interruption that flushes playback, camera frames, goAway, options"
    )
    func voiceAndCameraChat() throws {
        let tmp = try TemporaryDirectory("web")
        let script = """
            {"rules": [
              {"match": {"text": "story", "kind": "content"},
               "reply": [{"say": "Once upon a time there was a lighthouse keeper who counted the waves every night, and every night the sea told him a different story about ships, storms and faraway harbours."},
                         {"interrupt": true}]},
              {"match": {"text": "go away", "kind": "content"}, "reply": [{"say": "Moving you over."}, {"fault": "goAway"}]}
            ]}
            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: tmp.file("script.json")))
        let emulator = try SessionEmulator(["--script", tmp.file("script.json")])
        let screenshot = tmp.file("chat.png")
        let spoken =
            "chat.turns.find(t => t.complete && /hello world/i.test(t.user) && /I heard/.test(t.model) && t.audioSamples > 0)"
        let showTurns = "document.getElementById('turns').innerText"
        let steps: [[String: Any]] = [
            Self.click("connect"),
            Self.wait("chat.state === 'ready'", "the session's setupComplete"),
            // Two frames, then the camera goes off: the emulator's answers list every picture received.
            Self.click("camera"),
            Self.wait("chat.sent.video >= 2", "two camera frames sent"),
            Self.click("camera"),
            Self.click("microphone"),
            Self.wait(spoken, "the spoken question answered"),
            Self.wait("chat.playback.played + chat.playback.queued > 0", "reply audio scheduled for playback"),
            Self.click("microphone"),
            Self.type("What is the capital of France?"),
            Self.wait(
                "chat.turns.some(t => t.complete && /capital of France/.test(t.typed) && /You said/.test(t.model))",
                "the typed question answered"),
            Self.type("Tell me a story"),
            Self.wait(
                "chat.flushes.length > 0 && chat.turns.some(t => t.interrupted && t.complete)", "the interruption"),
            ["eval": showTurns],
            Self.click("camera"),
            Self.wait("document.getElementById('preview').videoWidth > 0", "the camera preview"),
            ["screenshot": screenshot],
            Self.type("Please go away"),
            Self.wait(
                "chat.history.join(' ').includes('ready reconnecting ready')",
                "goAway, then the new connection's setupComplete"),
            ["eval": "JSON.stringify(chat)"],
        ]
        let values = try Self.browse(
            server: "'\(Self.web)/serve.sh' {port} -- --voice Kore", audio: try Self.microphone("hello world", in: tmp),
            emulator: emulator, window: "480,1200", steps: steps)
        let chat = try Self.state(values[values.count - 1])
        let turns = try #require(chat["turns"] as? [[String: Any]])
        let spokenTurn = try #require(
            turns.first { ($0["user"] as? String)?.lowercased().contains("hello world") == true })
        #expect(
            (spokenTurn["model"] as? String)?.contains("I saw") == true, "the frames reached the model: \(spokenTurn)")
        // The interruption dropped queued audio at once: nothing was left queued after the flush.
        let flushes = try #require(chat["flushes"] as? [[String: Any]])
        #expect(flushes.allSatisfy { ($0["samples"] as? Int ?? 0) > 0 && $0["queuedAfter"] as? Int == 0 }, "\(flushes)")
        let showTurnsStep = try #require(steps.firstIndex { $0["eval"] as? String == showTurns })
        let shown = try #require(values[showTurnsStep] as? String)
        #expect(shown.contains("of queued audio dropped"), "\(shown)")
        #expect(shown.contains("of reply audio"), "\(shown)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: screenshot)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        if let keep = ProcessInfo.processInfo.environment["GEMINI_LIVE_WEB_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
        // The page's setup, with serve.sh's transcription and the options given after `--`.
        let setup = try #require(
            try emulator.log().compactMap { ($0["message"] as? [String: Any])?["setup"] as? [String: Any] }.first)
        #expect(setup["inputAudioTranscription"] != nil && setup["outputAudioTranscription"] != nil, "\(setup)")
        #expect("\(setup)".contains("Kore"), "\(setup)")
        // Camera frames arrived as realtimeInput.video, microphone audio as realtimeInput.audio at 16 kHz.
        let inputs = try emulator.clientMessages().compactMap { $0.message["realtimeInput"] as? [String: Any] }
        #expect(inputs.contains { $0["video"] != nil })
        let audio = inputs.compactMap { $0["audio"] as? [String: Any] }
        #expect(!audio.isEmpty && audio.allSatisfy { $0["mimeType"] as? String == "audio/pcm;rate=16000" })
    }

    @Test("a refused setup: the page shows the close code and reason the session printed")
    func refusedSetup() throws {
        let emulator = try SessionEmulator()
        let values = try Self.browse(
            server: "'\(Self.web)/serve.sh' {port}", url: "http://127.0.0.1:{port}/?model=models/no-such-model",
            emulator: emulator,
            steps: [
                Self.click("connect"),
                Self.wait("chat.state === 'closed'", "the close"),
                ["eval": "document.getElementById('status').textContent"],
            ])
        let status = try #require(values.last as? String)
        #expect(status.contains("exited with status 78"), "\(status)")
        #expect(status.contains("1008"), "\(status)")
        #expect(status.contains("no-such-model"), "\(status)")
    }
    @Test("the seed tutorial's protocol through websocketd and gemini-live-decode --relay")
    func tutorialRelay() throws {
        let tmp = try TemporaryDirectory("relay")
        let emulator = try SessionEmulator()
        // What the tutorial's page sends: its setup, then microphone audio and camera frames as
        // realtime_input.media_chunks (16 kHz PCM in pieces of 100 ms, JPEG pictures).
        try MediaFactory.speech("hello world", to: tmp.file("speech.wav"))
        try MediaFactory.sox([
            tmp.file("speech.wav"), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed", "-t", "raw",
            tmp.file("speech.raw"), "pad", "0.5", "3",
        ])
        try MediaFactory.ffmpeg(["-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1", tmp.file("frame.jpg")])
        let pcm = try Data(contentsOf: URL(fileURLWithPath: tmp.file("speech.raw")))
        var chunks = [
            [
                "mime_type": "image/jpeg",
                "data": try Data(contentsOf: URL(fileURLWithPath: tmp.file("frame.jpg"))).base64EncodedString(),
            ]
        ]
        for start in stride(from: 0, to: pcm.count, by: 3_200) {
            chunks.append([
                "mime_type": "audio/pcm", "data": pcm[start..<min(start + 3_200, pcm.count)].base64EncodedString(),
            ])
        }
        let messages =
            [["setup": ["generation_config": ["response_modalities": ["AUDIO"]]]]]
            + chunks.map { ["realtime_input": ["media_chunks": [$0]]] }
        let lines = String(
            decoding: try JSONSerialization.data(
                withJSONObject: messages.map {
                    String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
                }), as: UTF8.self)
        // Run in the served page (any page will do), in a function of its own beside the page's script.
        let page = """
            (() => {
              const relay = window.relay = {text: [], audio: 0, audioBytes: 0, other: []};
              const socket = new WebSocket(`ws://${location.host}/`);
              socket.onopen = () => { for (const line of \(lines)) socket.send(line); };
              socket.onmessage = (event) => {
                const reply = JSON.parse(event.data);
                if (typeof reply.text === 'string' && Object.keys(reply).length === 1) relay.text.push(reply.text);
                else if (typeof reply.audio === 'string' && Object.keys(reply).length === 1) {
                  relay.audio += 1;
                  relay.audioBytes += atob(reply.audio).length;
                } else relay.other.push(event.data);
              };
            })();
            true
            """
        let relay = "gemini-live-session --transcribe output | gemini-live-decode --relay - -"
        let values = try Self.browse(
            server:
                "websocketd --port {port} --loglevel error --staticdir '\(Self.web)' --passenv PATH,GEMINI_LIVE_ENDPOINT,GEMINI_LIVE_MODEL sh -c '\(relay)'",
            emulator: emulator, state: "JSON.stringify(window.relay)",
            steps: [
                ["eval": page],
                Self.wait("relay.text.join('').includes('I saw 1 image')", "the answer's words"),
                ["eval": "JSON.stringify(relay)"],
            ])
        let replies = try Self.state(values[2])
        let words = (replies["text"] as? [String] ?? []).joined()
        #expect(words.contains("I heard") && words.lowercased().contains("hello world"), "\(words)")
        #expect((replies["audio"] as? Int ?? 0) > 1, "audio pieces: \(replies)")
        #expect((replies["audioBytes"] as? Int ?? 0) % 2 == 0)
        #expect((replies["other"] as? [String] ?? []).isEmpty, "only the relay's two shapes: \(replies)")
        // The page's setup named no model: the session took it, with the default model, instead of skipping it.
        let setup = try #require(
            try emulator.log().compactMap { ($0["message"] as? [String: Any])?["setup"] as? [String: Any] }.first)
        #expect(
            (setup["generationConfig"] as? [String: Any])?["responseModalities"] as? [String] == ["AUDIO"], "\(setup)")
        #expect((setup["model"] as? String)?.hasPrefix("models/") == true, "\(setup)")
        // The session rewrote the tutorial's media chunks into the messages the service takes now.
        let inputs = try emulator.clientMessages().compactMap { $0.message["realtimeInput"] as? [String: Any] }
        #expect(inputs.contains { $0["video"] != nil } && inputs.contains { $0["audio"] != nil })
    }
}
