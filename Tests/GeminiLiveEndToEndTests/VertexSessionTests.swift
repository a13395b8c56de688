import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-session --vertex` as a user runs it: `--dry-run` for the host and model rules, and whole
/// sessions against a real `gemini-live-emulator` serving the Vertex AI path with its bearer auth.
@Suite("session: Vertex AI", .serialized)
struct VertexSessionTests {
    static let session = ToolRunner.tool("gemini-live-session")
    /// Variables that would otherwise choose Vertex AI, a project or a key behind a test's back.
    static let cleanEnvironment = [
        "GOOGLE_GENAI_USE_VERTEXAI": "", "GOOGLE_CLOUD_PROJECT": "", "GOOGLE_CLOUD_LOCATION": "",
        "GOOGLE_API_KEY": "", "GEMINI_API_KEY": "", "GEMINI_LIVE_ENDPOINT": "", "GEMINI_LIVE_MODEL": "",
    ]
    static let textModel = ["--model", "gemini-live-2.5-flash-preview", "--modality", "text"]
    static let vertexPath = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent"

    /// A token file holding `secret` (and a newline, as `gcloud ... > file` leaves it).
    static func tokenFile(_ directory: TemporaryDirectory, _ secret: String) throws -> String {
        let path = directory.file("token")
        try (secret + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `--dry-run` with `arguments`; stdin is /dev/null.
    static func dryRun(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ToolRunner.run(
            session, ["--dry-run"] + arguments, environment: cleanEnvironment.merging(environment) { $1 })
    }

    /// The `setup` object of the dry run's last line.
    static func setup(_ result: ProcessResult) -> [String: Any]? {
        guard let last = result.stdoutLines.last,
            let json = try? JSONSerialization.jsonObject(with: last) as? [String: Any]
        else { return nil }
        return json["setup"] as? [String: Any]
    }

    /// The setup objects the emulator received, in order.
    static func setups(_ emulator: SessionEmulator) throws -> [[String: Any]] {
        try emulator.log().compactMap { ($0["message"] as? [String: Any])?["setup"] as? [String: Any] }
    }

    // MARK: - --dry-run: hosts, paths, model names

    @Test(
        "--dry-run: the location picks the host (regional, global, multi-region), the model gets its full name",
        arguments: [
            ("us-central1", "wss://us-central1-aiplatform.googleapis.com"),
            ("europe-west4", "wss://europe-west4-aiplatform.googleapis.com"),
            ("global", "wss://aiplatform.googleapis.com"),
            ("us", "wss://aiplatform.us.rep.googleapis.com"),
            ("eu", "wss://aiplatform.eu.rep.googleapis.com"),
        ])
    func dryRunHosts(location: String, base: String) throws {
        let directory = try TemporaryDirectory("vertex")
        let secret = "ya29.dry-run-secret-\(location)"
        let result = try Self.dryRun([
            "--vertex", "--project", "my-project", "--location", location, "--access-token-file",
            try Self.tokenFile(directory, secret), "--model", "gemini-live-2.5-flash-native-audio",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first == base + Self.vertexPath)
        #expect(lines.dropFirst().first == "authorization: <redacted>")
        #expect(
            Self.setup(result)?["model"] as? String
                == "projects/my-project/locations/\(location)/publishers/google/models/gemini-live-2.5-flash-native-audio"
        )
        #expect(!result.stdoutText.contains("global-aiplatform"))
        #expect(!(result.stdoutText + result.stderrText).contains(secret))
    }

    @Test("--dry-run: the environment chooses Vertex AI, its project and location, as the SDKs read it")
    func dryRunFromEnvironment() throws {
        let result = try Self.dryRun(
            ["--access-token-command", "echo never-run", "--api-version", "v1"],
            environment: [
                "GOOGLE_GENAI_USE_VERTEXAI": "true", "GOOGLE_CLOUD_PROJECT": "env-project",
                "GOOGLE_CLOUD_LOCATION": "asia-northeast1",
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stdoutLines.first.map { String(decoding: $0, as: UTF8.self) }
                == "wss://asia-northeast1-aiplatform.googleapis.com/ws/google.cloud.aiplatform.v1.LlmBidiService/BidiGenerateContent"
        )
        #expect(
            Self.setup(result)?["model"] as? String
                == "projects/env-project/locations/asia-northeast1/publishers/google/models/gemini-3.8-live")
        #expect(!result.stdoutText.contains("never-run"))
    }

    @Test("--dry-run: express mode sends the key to the global host with the short model name; the key is not shown")
    func dryRunExpressMode() throws {
        let result = try Self.dryRun(
            ["--vertex", "--transparent-resumption"], environment: ["GOOGLE_API_KEY": "AIza-express-secret"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("wss://aiplatform.googleapis.com" + Self.vertexPath + "\n"))
        #expect(result.stdoutText.contains("\nx-goog-api-key: <redacted>\n"))
        #expect(!result.stdoutText.contains("AIza-express-secret"))
        let setup = Self.setup(result)
        #expect(setup?["model"] as? String == "publishers/google/models/gemini-3.8-live")
        #expect((setup?["sessionResumption"] as? [String: Any])?["transparent"] as? Bool == true)
    }

    @Test(
        "Vertex-only flags without --vertex, Gemini-only features with it, and wrong versions are usage errors (64)",
        arguments: [
            (["--project", "p"], [String: String](), "--project is for Vertex AI"),
            (["--transparent-resumption"], [:], "--transparent-resumption is for Vertex AI"),
            (
                ["--vertex", "--project", "p", "--access-token-file", "/dev/null", "--api-version", "v1beta"], [:],
                "--api-version v1beta is not served by Vertex AI"
            ),
            (
                ["--api-version", "v1beta1"], ["GOOGLE_API_KEY": "k"],
                "--api-version v1beta1 is not served by the Gemini API"
            ),
            (["--vertex"], ["GOOGLE_API_KEY": "auth_tokens/abc"], "ephemeral tokens"),
            (["--vertex", "--access-token-command", "echo t"], [:], "needs a project"),
            (
                ["--vertex", "--project", "p", "--location", "us central", "--access-token-command", "echo t"], [:],
                "--location 'us central'"
            ),
        ])
    func usageErrors(arguments: [String], environment: [String: String], message: String) throws {
        let result = try Self.dryRun(arguments, environment: environment)
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a setup with translationConfig is refused on Vertex AI (64), naming the field")
    func translationConfigRefused() throws {
        let directory = try TemporaryDirectory("vertex")
        let setupFile = directory.file("setup.json")
        try
            #"{"setup":{"model":"models/gemini-3.5-live-translate-preview","generationConfig":{"translationConfig":{"targetLanguageCode":"de"}}}}"#
            .write(toFile: setupFile, atomically: true, encoding: .utf8)
        let result = try Self.dryRun([
            "--vertex", "--project", "p", "--access-token-command", "echo t", "--setup", setupFile,
        ])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("translationConfig"), "\(result.stderrText)")
    }

    @Test("no credentials for Vertex AI: 77 before connecting")
    func noCredentials() throws {
        let result = try Self.dryRun(["--vertex", "--project", "p"])
        #expect(result.status == 77)
        #expect(result.stderrText.contains("--access-token-command"), "\(result.stderrText)")
    }

    // MARK: - Sessions against the emulator

    @Test("a token from a file: the Vertex path, bearer auth and the full model name reach the emulator; exit 0")
    func tokenFromFile() throws {
        let emulator = try SessionEmulator()
        let token = try Self.tokenFile(emulator.directory, "ya29.file-token-secret")
        let result = try ToolRunner.run(
            Self.session,
            [
                "--vertex", "--endpoint", emulator.url, "--project", "proj-1", "--location", "us-central1",
                "--access-token-file", token,
            ] + Self.textModel,
            stdin: Data((SessionLines.turn("Hello Vertex") + "\n").utf8), environment: Self.cleanEnvironment,
            schemaKind: "server")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Hello Vertex"))
        #expect(SessionLines.turnCompletes(result) == 1)
        let setup = try Self.setups(emulator).first
        #expect(
            setup?["model"] as? String
                == "projects/proj-1/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-preview")
        #expect(!(result.stdoutText + result.stderrText).contains("file-token-secret"))
    }

    @Test(
        "a token from a command, run again before every connection: once per connection across a goAway; the token is in no output, cassette or log"
    )
    func tokenFromCommandAcrossGoAway() throws {
        let emulator = try SessionEmulator(["--connection-lifetime", "3", "--go-away-lead", "1"])
        let calls = emulator.directory.file("calls")
        let cassette = emulator.directory.file("cassette.ndjson")
        // Each run appends a line and prints a different token, as a refreshing `gcloud` would.
        let command = "echo run >> '\(calls)'; echo \"ya29.command-secret-$(wc -l < '\(calls)')\""
        let script = """
            export GOOGLE_GENAI_USE_VERTEXAI= GOOGLE_API_KEY= GEMINI_API_KEY= GOOGLE_CLOUD_PROJECT= GOOGLE_CLOUD_LOCATION=
            (echo '\(SessionLines.turn("first question"))'
             wait_until has_lines 1 '"goAway"' '\(emulator.logPath)'
             echo '\(SessionLines.turn("second question"))') |
              gemini-live-session --vertex --endpoint "$URL" --project p --location europe-west4 \\
                --access-token-command "$COMMAND" --record '\(cassette)' -v \(Self.textModel.joined(separator: " "))
            """
        let result = try emulator.shell("COMMAND=" + Self.quoted(command) + "\n" + script)
        #expect(result.status == 0, "\(result.stderrText)")
        let connections = Set(try emulator.clientMessages().map(\.connection)).count
        #expect(connections >= 2, "\(result.stderrText)")
        let runs = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").count
        let setupCount = try Self.setups(emulator).count
        #expect(runs == setupCount, "one run per connection")
        #expect(runs >= 2)
        let everything =
            result.stdoutText + result.stderrText + (try String(contentsOfFile: cassette, encoding: .utf8))
            + (try String(contentsOfFile: emulator.logPath, encoding: .utf8))
        #expect(!everything.contains("command-secret"))
        let cassetteText = try String(contentsOfFile: cassette, encoding: .utf8)
        let header = cassetteText.split(separator: "\n").first.flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(header?["api"] as? String == "v1beta1", "\(header ?? [:])")
        #expect((header?["model"] as? String)?.hasPrefix("projects/p/locations/europe-west4/") == true)
        #expect(SessionLines.turnCompletes(result) >= 1)
    }

    @Test("a failing token command ends the session with 77, naming its exit status and not its output")
    func failingTokenCommand() throws {
        let emulator = try SessionEmulator()
        let result = try ToolRunner.run(
            Self.session,
            [
                "--vertex", "--endpoint", emulator.url, "--project", "p", "--access-token-command",
                "echo ya29.leaked-$((6 * 7)); exit 3",
            ],
            stdin: Data((SessionLines.turn("hi") + "\n").utf8), environment: Self.cleanEnvironment)
        #expect(result.status == 77, "\(result.stderrText)")
        #expect(result.stderrText.contains("exited with status 3"), "\(result.stderrText)")
        #expect(!(result.stdoutText + result.stderrText).contains("leaked-42"), "the output is never quoted")
        #expect(try Self.setups(emulator).isEmpty, "nothing was sent without a token")
    }

    @Test("express mode: the API key in x-goog-api-key, the short model name; the emulator checks the key")
    func expressMode() throws {
        let emulator = try SessionEmulator(["--api-key", "AIza-express"])
        var environment = Self.cleanEnvironment
        environment["GOOGLE_API_KEY"] = "AIza-express"
        let result = try ToolRunner.run(
            Self.session, ["--vertex", "--endpoint", emulator.url] + Self.textModel,
            stdin: Data((SessionLines.turn("Hello express") + "\n").utf8), environment: environment)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(SessionLines.turnCompletes(result) == 1)
        #expect(
            try Self.setups(emulator).first?["model"] as? String
                == "publishers/google/models/gemini-live-2.5-flash-preview")
    }

    @Test("a toolResponse without an id is valid on Vertex AI: the emulator matches it by name and the reply goes on")
    func idLessToolResponse() throws {
        let directory = try TemporaryDirectory("vertex")
        let scriptFile = directory.file("weather.json")
        try
            #"{"rules":[{"match":{"text":"weather"},"reply":[{"toolCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_1"}},{"say":"It is {{response}} in Paris."}]}]}"#
            .write(toFile: scriptFile, atomically: true, encoding: .utf8)
        let emulator = try SessionEmulator(["--script", scriptFile])
        // Through tee: the session's stdout is then a pipe, written line by line (a regular file is written in blocks).
        let out = emulator.directory.file("out.ndjson")
        let answer = #"{"toolResponse":{"functionResponses":[{"name":"get_weather","response":{"output":"sunny"}}]}}"#
        let result = try emulator.shell(
            """
            export GOOGLE_GENAI_USE_VERTEXAI= GOOGLE_API_KEY= GEMINI_API_KEY= GOOGLE_CLOUD_PROJECT= GOOGLE_CLOUD_LOCATION=
            (echo '\(SessionLines.turn("what is the weather"))'
             wait_until has_lines 1 '{"toolCall"' '\(out)'
             echo '\(answer)') |
              gemini-live-session --vertex --endpoint "$URL" --project p --access-token-command 'echo t' \\
                \(Self.textModel.joined(separator: " ")) | tee '\(out)'
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let output = try String(contentsOfFile: out, encoding: .utf8)
        let reply = output.split(separator: "\n").compactMap { line -> String? in
            let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let turn = (json?["serverContent"] as? [String: Any])?["modelTurn"] as? [String: Any]
            return (turn?["parts"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined()
        }.joined()
        #expect(reply == "It is sunny in Paris.", "\(output)")
        let sent = try emulator.clientMessages().compactMap { $0.message["toolResponse"] as? [String: Any] }
        let response = (sent.first?["functionResponses"] as? [[String: Any]])?.first
        #expect(response?["name"] as? String == "get_weather")
        #expect(response?["id"] == nil)
    }

    @Test(
        "transparent resumption: a drop mid-stream loses nothing and repeats nothing the service consumed; the index arrives as a string"
    )
    func transparentResumptionAcrossADrop() throws {
        let emulator = try SessionEmulator(["--drop-after", "5"])
        // Through tee: the session's stdout is then a pipe, written line by line (a regular file is written in blocks).
        let out = emulator.directory.file("out.ndjson")
        let calls = emulator.directory.file("calls")
        func messages(_ range: ClosedRange<Int>) -> String {
            range.map { #"echo '{"realtimeInput":{"text":"message \#($0)"}}'"# }.joined(separator: "\n")
        }
        // Messages 1-4 first; the rest only once the session has seen the service consume message 4 (index 3),
        // so the drop at message 5 comes after that update on every machine.
        let result = try emulator.shell(
            """
            export GOOGLE_GENAI_USE_VERTEXAI= GOOGLE_API_KEY= GEMINI_API_KEY= GOOGLE_CLOUD_PROJECT= GOOGLE_CLOUD_LOCATION=
            (\(messages(1...4))
             wait_until has_lines 1 '"lastConsumedClientMessageIndex":"3"' '\(out)'
             \(messages(5...10))) |
              gemini-live-session --vertex --endpoint "$URL" --project p --location us-east4 \\
                --access-token-command "echo run >> '\(calls)'; echo t" --transparent-resumption --idle-timeout 3 \\
                \(Self.textModel.joined(separator: " ")) | tee '\(out)'
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let setups = try Self.setups(emulator)
        #expect(setups.count == 2)
        #expect((setups.first?["sessionResumption"] as? [String: Any])?["transparent"] as? Bool == true)
        #expect((setups.last?["sessionResumption"] as? [String: Any])?["handle"] != nil)
        let messages = try emulator.clientMessages()
        let texts = { (connection: Int) in
            SessionLines.texts(messages.filter { $0.connection == connection })
        }
        // The first connection consumed messages 1-4; message 5 tripped the drop unconsumed. The second carries
        // exactly the rest, each once.
        #expect(texts(1) == (1...5).map { "message \($0)" })
        #expect(texts(2) == (5...10).map { "message \($0)" })
        #expect(try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test(
        "google-genai with vertexai=True connects to the emulator's Vertex path with its bearer token, full model name and transparent resumption"
    )
    func officialSDKOnVertex() throws {
        guard let python = EmulatorSDKTests.python else {
            Issue.record("no Python with google-genai: run `make test`, which creates .venv")
            return
        }
        let tmp = try TemporaryDirectory("vertex-sdk")
        _ = try LocalhostCertificate(in: tmp)
        // The SDK's own Vertex branch: project and location given, credentials with a token, the base URL moved
        // to the emulator (it then asks for //ws/google.cloud.aiplatform.v1beta1.LlmBidiService/...).
        try """
        import asyncio, sys
        from google import genai
        from google.genai import types
        from google.oauth2.credentials import Credentials

        async def main():
            client = genai.Client(
                vertexai=True, project="sdk-project", location="us-central1",
                credentials=Credentials(token="ya29.sdk-token"), http_options={"base_url": sys.argv[1] + "/"})
            config = {"response_modalities": ["TEXT"],
                      "session_resumption": types.SessionResumptionConfig(transparent=True)}
            async with client.aio.live.connect(model="gemini-live-2.5-flash-preview", config=config) as session:
                await session.send_client_content(
                    turns={"role": "user", "parts": [{"text": "Hello from the SDK"}]}, turn_complete=True)
                text = ""
                async for message in session.receive():
                    text += message.text or ""
                    if message.server_content and message.server_content.turn_complete:
                        break
            print("REPLY", text)

        asyncio.run(main())
        """.write(toFile: tmp.file("vertex.py"), atomically: true, encoding: .utf8)
        let log = tmp.file("emulator.ndjson")
        let result = try ToolRunner.shell(
            """
            gemini-live-emulator --port 0 --tls-cert '\(tmp.file("cert.pem"))' --tls-key '\(tmp.file("key.pem"))' \
              --log '\(log)' > '\(tmp.file("url"))' &
            emulator=$!
            trap 'kill $emulator' EXIT
            listening() { [ -s '\(tmp.file("url"))' ] || ! kill -0 $emulator 2> /dev/null; }
            wait_until listening
            base=$(sed 's/^wss:/https:/' '\(tmp.file("url"))')
            SSL_CERT_FILE='\(tmp.file("cert.pem"))' '\(python)' '\(tmp.file("vertex.py"))' "$base"
            """, timeout: 120)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("Hello from the SDK"), "\(result.stdoutText)")
        let setup = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").lazy.compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["message"] as? [String: Any])?[
                "setup"] as? [String: Any]
        }.first
        #expect(
            setup?["model"] as? String
                == "projects/sdk-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-preview")
        #expect((setup?["sessionResumption"] as? [String: Any])?["transparent"] as? Bool == true)
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
