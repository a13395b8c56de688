import Foundation
import GeminiLiveTestSupport
import Testing

/// The session's connection life with real processes against the emulator: it connects at start, so a client that
/// waits for `setupComplete` before it writes gets it; a `setup` line mid-session reconnects with the latest handle
/// and the conversation goes on.
@Suite("session: connection life against the emulator")
struct SessionConnectionLifeTests {
    /// A bash script that runs the session as a coprocess and talks to it like an SDK's `connect()`: nothing is
    /// written before `setupComplete` is read. `await TEXT` copies stdout lines to our stdout until one contains
    /// TEXT; `say LINE` writes a line to the session. Every wait is on a line, never on time.
    static func conversation(_ flags: String, _ steps: String) -> String {
        """
        set -u
        coproc SESSION { exec gemini-live-session --endpoint "$URL" \(flags) -v 2>session.err; }
        # Copies: bash drops the coprocess's variables once it exits.
        pid=$SESSION_PID
        exec {from}<&"${SESSION[0]}" {to}>&"${SESSION[1]}"
        eval "exec ${SESSION[1]}>&-"
        await() {
          while IFS= read -r line <&"$from"; do
            printf '%s\\n' "$line"
            case $line in *"$1"*) return 0;; esac
          done
          echo "session ended before $1" >&2; cat session.err >&2; exit 9
        }
        say() { printf '%s\\n' "$1" >&"$to"; }
        \(steps)
        exec {to}>&-
        cat <&"$from"
        wait "$pid"; status=$?
        cat session.err >&2
        exit $status
        """
    }

    static let flags = "--model gemini-live-2.5-flash-preview --modality text"

    /// Runs `conversation(flags, steps)` against `emulator`, in its folder.
    static func converse(_ emulator: SessionEmulator, _ flags: String, _ steps: String) throws -> ProcessResult {
        try emulator.shell("cd '\(emulator.directory.path)'\n" + conversation(flags, steps), timeout: 120)
    }

    /// The setup messages the emulator received, in order.
    static func setups(_ emulator: SessionEmulator) throws -> [[String: Any]] {
        try emulator.log().compactMap { entry in
            guard entry["direction"] as? String == "client" else { return nil }
            return (entry["message"] as? [String: Any])?["setup"] as? [String: Any]
        }
    }

    /// The model's text of each turn, in order (a turn's text comes in several frames).
    static func replies(_ stdout: String) -> [String] {
        var replies: [String] = []
        var current = ""
        for line in stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let content = object["serverContent"] as? [String: Any]
            else { continue }
            let parts = (content["modelTurn"] as? [String: Any])?["parts"] as? [[String: Any]] ?? []
            current += parts.compactMap { $0["text"] as? String }.joined()
            if content["turnComplete"] as? Bool == true {
                replies.append(current)
                current = ""
            }
        }
        return replies
    }

    @Test("a client that waits for setupComplete before writing gets it: the session connects at start")
    func connectsAtStart() throws {
        let emulator = try SessionEmulator()
        let result = try Self.converse(
            emulator, Self.flags,
            """
            await setupComplete
            say '\(SessionLines.turn("hello"))'
            await turnComplete
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(Self.replies(result.stdoutText) == ["Turn 1. You said: hello."], "\(result.stdoutText)")
    }

    @Test("a setup line mid-session reconnects with the latest handle: the new setup applies, the conversation is kept")
    func setupLineKeepsTheConversation() throws {
        let emulator = try SessionEmulator()
        let result = try Self.converse(
            emulator, Self.flags,
            """
            await setupComplete
            say '\(SessionLines.turn("first"))'
            await turnComplete
            await sessionResumptionUpdate
            say '{"setup":{"generationConfig":{"temperature":0.25}}}'
            say '\(SessionLines.turn("second"))'
            await turnComplete
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let setups = try Self.setups(emulator)
        try #require(setups.count == 2, "\(result.stderrText)")
        let resumption = setups[1]["sessionResumption"] as? [String: Any]
        #expect((resumption?["handle"] as? String)?.isEmpty == false, "the second setup carries the latest handle")
        let config = setups[1]["generationConfig"] as? [String: Any]
        #expect(config?["temperature"] as? Double == 0.25, "the new setup's field")
        #expect(config?["responseModalities"] as? [String] == ["TEXT"], "what the line does not name is kept")
        #expect(setups[1]["model"] as? String == "models/gemini-live-2.5-flash-preview", "the model from --model")
        // The emulator numbers turns per conversation: the answer after the switch is still turn 2.
        #expect(Self.replies(result.stdoutText) == ["Turn 1. You said: first.", "Turn 2. You said: second."])
        // The answered first turn is covered by the handle: not re-sent, so not answered twice.
        #expect(SessionLines.texts(try emulator.clientMessages()) == ["first", "second"])
        #expect(
            result.stdoutText.components(separatedBy: "setupComplete").count - 1 == 2, "one stdout stream, two setups")
    }

    @Test("on gemini-3.8-live a new system instruction goes out as contextUpdate, in order, on the same connection")
    func setupLineAsContextUpdate() throws {
        let emulator = try SessionEmulator()
        let result = try Self.converse(
            emulator, "--model gemini-3.8-live --system 'Be brief.'",
            """
            await setupComplete
            say '\(SessionLines.turn("first"))'
            await turnComplete
            say '{"setup":{"systemInstruction":{"parts":[{"text":"Answer in French."}]}}}'
            say '\(SessionLines.turn("second"))'
            await turnComplete
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let client = try emulator.log().filter { $0["direction"] as? String == "client" }
        let messages = client.compactMap { $0["message"] as? [String: Any] }
        #expect(messages.filter { $0["setup"] != nil }.count == 1, "no new connection")
        #expect(Set(client.compactMap { $0["connection"] as? Int }) == [1])
        let kinds = messages.compactMap(\.keys.first)
        #expect(kinds == ["setup", "clientContent", "contextUpdate", "clientContent"], "\(kinds)")
        let update = messages.first { $0["contextUpdate"] != nil }?["contextUpdate"] as? [String: Any]
        let parts = (update?["systemInstruction"] as? [String: Any])?["parts"] as? [[String: Any]]
        #expect(parts?.first?["text"] as? String == "Answer in French.", "the line's instruction replaces --system's")
        #expect(update?["tools"] == nil, "only what changed")
    }

    @Test("extended thinking: the end of input waits past the filler's IN_PROGRESS turn for the IDLE one")
    func drainWaitsForIdle() throws {
        let emulator = try SessionEmulator()
        let result = try emulator.session(
            ["--model", "gemini-3.8-live-extended-thinking", "--transcribe", "output"],
            stdin: Data((SessionLines.turn("plan my week") + "\n").utf8), timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        let statuses = SessionLines.objects(result).compactMap { object -> String? in
            guard let content = object["serverContent"] as? [String: Any], content["turnComplete"] as? Bool == true
            else { return nil }
            return content["interactionStatus"] as? String ?? "(none)"
        }
        // Before, the session closed at the filler's turnComplete and the answer never came.
        #expect(statuses == ["IN_PROGRESS", "IDLE"], "\(result.stderrText)")
        // The answer after the filler arrived: its transcription is on stdout after the IN_PROGRESS turn.
        let afterFiller = result.stdoutText.components(separatedBy: "IN_PROGRESS").last ?? ""
        let words = afterFiller.split(separator: "\n").compactMap { line -> String? in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let content = object?["serverContent"] as? [String: Any]
            return (content?["outputTranscription"] as? [String: Any])?["text"] as? String
        }
        #expect(words.joined().contains("You said: plan my week."), "\(words)")
    }

    @Test("--turns 1 on extended thinking counts the turn that ends the task, not the filler's")
    func turnsCountIdle() throws {
        let emulator = try SessionEmulator()
        let result = try Self.converse(
            emulator, "--model gemini-3.8-live-extended-thinking --transcribe output --turns 1",
            """
            await setupComplete
            say '\(SessionLines.turn("plan my week"))'
            await IDLE
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("IN_PROGRESS"))
    }

    @Test("without resumption a setup line starts a new session, and stderr says the conversation is not kept")
    func setupLineWithoutResumption() throws {
        let emulator = try SessionEmulator()
        let result = try Self.converse(
            emulator, Self.flags + " --no-resumption",
            """
            await setupComplete
            say '\(SessionLines.turn("first"))'
            await turnComplete
            say '{"setup":{"generationConfig":{"temperature":0.25}}}'
            say '\(SessionLines.turn("second"))'
            await turnComplete
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("the conversation so far is not kept"), "\(result.stderrText)")
        #expect(Self.replies(result.stdoutText) == ["Turn 1. You said: first.", "Turn 1. You said: second."])
        // The first turn is not replayed into the new session.
        #expect(SessionLines.texts(try emulator.clientMessages()) == ["first", "second"])
    }
}
