import GeminiLiveProtocol
import GeminiLiveSessionCore
import Testing

/// A `setup` line from the input on the manual clock: contextUpdate where the model takes it, otherwise a new
/// connection with the new setup and the latest handle.
@Suite("session state machine: reconfiguration by a setup line")
struct SessionReconfigurationTests {
    static func setup(model: String = "models/gemini-3.8-live", system: String? = nil, voice: String? = nil) -> Setup {
        var setup = Setup(model: model)
        if let system { setup.systemInstruction = Content(parts: [Part(text: system)]) }
        if let voice {
            setup.generationConfig = GenerationConfig(speechConfig: SpeechConfig(voiceName: voice))
        }
        return setup
    }

    static func sentFrames(_ actions: [SessionAction]) -> [JSONValue] {
        actions.compactMap { action in
            guard case .send(_, let frame) = action else { return nil }
            return try? JSONParser.parse(frame)
        }
    }

    static func reports(_ actions: [SessionAction]) -> [(String, Bool)] {
        actions.compactMap { action in
            guard case .report(let text, let important) = action else { return nil }
            return (text, important)
        }
    }

    @Test("a new system instruction on a gemini-3.8-live model goes out as contextUpdate, on the same connection")
    func contextUpdate() throws {
        var session = SessionHarness { $0.setup = Self.setup(system: "Be brief.") }
        session.establish()
        session.client("hi", triggersTurn: true)
        let actions = session.send(.setupLine(Self.setup(system: "Answer in French.")))
        let frames = Self.sentFrames(actions)
        #expect(frames.count == 1)
        let update = try #require(frames.first?["contextUpdate"])
        #expect(update["systemInstruction"]?["parts"]?[0]?["text"]?.stringValue == "Answer in French.")
        #expect(update["tools"] == nil, "only the fields that changed")
        #expect(SessionHarness.closes(actions).isEmpty)
        #expect(session.machine.connection == 1)
        #expect(session.machine.setup.systemInstruction?.parts.first?.text == "Answer in French.")

        // New tools: the list replaces the old one, inside its `tools` wrapper.
        var withTools = Self.setup(system: "Answer in French.")
        withTools.tools = [["functionDeclarations": [["name": "lookup"]]]]
        let toolUpdate = Self.sentFrames(session.send(.setupLine(withTools)))
        #expect(
            toolUpdate.first?["contextUpdate"]?["tools"]?["tools"]?[0]?["functionDeclarations"]?[0]?["name"] == "lookup"
        )
    }

    @Test("a contextUpdate takes a place in the count a handle's lastConsumedClientMessageIndex refers to")
    func contextUpdateIsIndexed() {
        var session = SessionHarness { $0.setup = Self.setup(system: "A") }
        session.establish()
        session.client("one")
        session.send(.setupLine(Self.setup(system: "B")))
        session.client("two")
        #expect(session.machine.bufferedMessages == 2, "the update is not kept: a new connection's setup carries it")
        session.handleUpdate("h1", consumed: 1)
        #expect(session.machine.bufferedMessages == 1, "index 0 (one) and 1 (the update) are covered, 2 (two) is not")
    }

    @Test("any other change reconnects with the new setup and the latest handle, and re-sends what no handle covers")
    func reconnectKeepsTheConversation() throws {
        var session = SessionHarness { $0.setup = Self.setup(voice: "Puck") }
        session.establish()
        session.client("one", triggersTurn: true)
        session.handleUpdate("h1", consumed: 0)
        session.client("two")
        let actions = session.send(.setupLine(Self.setup(voice: "Kore")))
        #expect(Self.sentFrames(actions).isEmpty, "no contextUpdate: the voice is not a context field")
        #expect(SessionHarness.closes(actions) == [1000])
        #expect(session.machine.phase == .closingForResume)
        let reconnect = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        let setup = try #require(SessionHarness.setups(reconnect).first)
        #expect(setup.sessionResumption?.handle == "h1")
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
        session.send(.connected(connection: 2))
        let resumed = session.server(["setupComplete": [:]])
        #expect(SessionHarness.sentTexts(resumed) == ["two"], "what the handle did not cover")
    }

    @Test("a handle without an index after an answered turn covers the request at once; later input is kept")
    func answeredTurnIsCovered() {
        var session = SessionHarness()
        session.establish()
        session.client("question", triggersTurn: true)
        session.client("audio after it")
        session.turnComplete()
        session.handleUpdate("h1")
        #expect(session.machine.bufferedMessages == 1, "the answered question is covered within the in-flight margin")
        session.send(
            .setupLine(Setup(model: "models/gemini-3.8-live", generationConfig: GenerationConfig(temperature: 1))))
        session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        session.send(.connected(connection: 2))
        #expect(SessionHarness.sentTexts(session.server(["setupComplete": [:]])) == ["audio after it"])
    }

    @Test("a model without contextUpdate reconnects even for a new system instruction")
    func olderModelReconnects() {
        var session = SessionHarness {
            $0.setup = Self.setup(model: "models/gemini-3.1-flash-live-preview", system: "A")
        }
        session.establish()
        session.handleUpdate("h1")
        let actions = session.send(.setupLine(Self.setup(model: "models/gemini-3.1-flash-live-preview", system: "B")))
        #expect(Self.sentFrames(actions).isEmpty)
        #expect(SessionHarness.closes(actions) == [1000])
    }

    @Test("without a handle yet the new setup starts a new session: said on stderr, sent messages not replayed")
    func noHandleStartsAfresh() throws {
        var session = SessionHarness { $0.setup = Self.setup(voice: "Puck") }
        session.establish()
        session.client("one", triggersTurn: true)
        let actions = session.send(.setupLine(Self.setup(voice: "Kore")))
        let note = try #require(Self.reports(actions).first { $0.1 })
        #expect(note.0.contains("no resumption handle has arrived yet"))
        #expect(note.0.contains("the conversation so far is not kept"))
        session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        #expect(session.machine.bufferedMessages == 0)
        session.send(.connected(connection: 2))
        #expect(SessionHarness.sentTexts(session.server(["setupComplete": [:]])).isEmpty)
    }

    @Test("before setupComplete, with nothing read yet (the browser page's first line): the connection is replaced")
    func beforeSetupComplete() throws {
        var session = SessionHarness { $0.setup = Self.setup() }
        let actions = session.send(.setupLine(Self.setup(voice: "Kore")))
        #expect(actions.contains(.abortConnection(connection: 1)))
        #expect(Self.reports(actions).allSatisfy { !$0.1 }, "nothing lost, nothing to warn about")
        let setup = try #require(SessionHarness.setups(actions).first)
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
        #expect(session.machine.connection == 2)
        // A late event of the replaced connection changes nothing.
        #expect(session.send(.connected(connection: 1)).isEmpty)
        session.client("hello", triggersTurn: true)
        session.send(.connected(connection: 2))
        #expect(SessionHarness.sentTexts(session.server(["setupComplete": [:]])) == ["hello"])
    }

    @Test("messages read before a setup line go out under the old setup; the change follows them, in input order")
    func orderedBeforeSetupComplete() throws {
        var session = SessionHarness { $0.setup = Self.setup(system: "A") }
        session.client("under A", triggersTurn: true)
        #expect(SessionHarness.closes(session.send(.setupLine(Self.setup(system: "B")))).isEmpty)
        session.client("under B", triggersTurn: true)
        session.send(.connected(connection: 1))
        let actions = session.server(["setupComplete": [:]])
        let frames = actions.compactMap { action -> JSONValue? in
            guard case .send(_, let frame) = action else { return nil }
            return try? JSONParser.parse(frame)
        }
        #expect(frames.count == 3)
        #expect(frames.first?["realtimeInput"]?["text"] == "under A")
        #expect(frames.dropFirst().first?["contextUpdate"]?["systemInstruction"]?["parts"]?[0]?["text"] == "B")
        #expect(frames.last?["realtimeInput"]?["text"] == "under B")

        // A change that needs a new connection: the earlier message goes out, then the switch; the later one waits.
        var other = SessionHarness { $0.setup = Self.setup(voice: "Puck") }
        other.client("under Puck")
        other.send(.setupLine(Self.setup(voice: "Kore")))
        other.client("under Kore")
        other.send(.connected(connection: 1))
        other.handleUpdate("h1")
        let switched = other.server(["setupComplete": [:]])
        #expect(SessionHarness.sentTexts(switched) == ["under Puck"])
        #expect(SessionHarness.closes(switched) == [1000])
        let reconnect = other.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        let setup = try #require(SessionHarness.setups(reconnect).first)
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
        other.send(.connected(connection: 2))
        #expect(SessionHarness.sentTexts(other.server(["setupComplete": [:]])) == ["under Puck", "under Kore"])
    }

    @Test("a setup line right after setupComplete, before any input (the browser page's first line): a quiet switch")
    func firstLineAfterSetupComplete() throws {
        var session = SessionHarness { $0.setup = Self.setup() }
        session.establish()
        let actions = session.send(.setupLine(Self.setup(voice: "Kore")))
        #expect(Self.reports(actions).allSatisfy { !$0.1 }, "no conversation to lose, nothing to warn about")
        #expect(SessionHarness.closes(actions) == [1000])
        let reconnect = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        let setup = try #require(SessionHarness.setups(reconnect).first)
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
    }

    @Test("the same setup again changes nothing; during a goAway pause the next connection takes the new one")
    func sameSetupAndPause() throws {
        var session = SessionHarness { $0.setup = Self.setup(voice: "Puck") }
        session.establish()
        #expect(SessionHarness.closes(session.send(.setupLine(Self.setup(voice: "Puck")))).isEmpty)
        session.server(["goAway": ["timeLeft": "10s"]])
        #expect(SessionHarness.closes(session.send(.setupLine(Self.setup(voice: "Kore")))).isEmpty)
        session.handleUpdate("h2")
        let reconnect = session.send(.socketClosed(connection: 1, code: 1000, reason: ""))
        let setup = try #require(SessionHarness.setups(reconnect).first)
        #expect(setup.sessionResumption?.handle == "h2")
        #expect(setup.generationConfig?.speechConfig?.voiceName == "Kore")
    }

    @Test("the contextUpdate rule: gemini-3.8-live family only, by model id under any resource path")
    func capabilityTable() {
        #expect(ModelCapabilities.acceptsContextUpdate("models/gemini-3.8-live"))
        #expect(ModelCapabilities.acceptsContextUpdate("gemini-3.8-live-extended-thinking"))
        #expect(
            ModelCapabilities.acceptsContextUpdate(
                "projects/p/locations/us-central1/publishers/google/models/gemini-3.8-live"))
        #expect(!ModelCapabilities.acceptsContextUpdate("models/gemini-3.1-flash-live-preview"))
        #expect(!ModelCapabilities.acceptsContextUpdate("models/gemini-2.5-flash-native-audio-latest"))
    }
}
