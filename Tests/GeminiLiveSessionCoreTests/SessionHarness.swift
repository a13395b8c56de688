import GeminiLiveProtocol
import GeminiLiveSessionCore
import GeminiLiveTestSupport

/// Drives a `SessionStateMachine` by hand and keeps what it asked for, like a fake driver.
struct SessionHarness {
    let clock = ManualClock()
    var machine: SessionStateMachine<ManualClock>
    /// Every action so far.
    var actions: [SessionAction] = []
    /// Timers started and not yet fired, by kind (latest only).
    var timers: [SessionTimer.Kind: (SessionTimer, Duration)] = [:]

    init(_ configure: (inout SessionPolicy) -> Void = { _ in }) {
        var policy = SessionPolicy(setup: Setup(model: "models/gemini-3.8-live"))
        configure(&policy)
        machine = SessionStateMachine(policy: policy, clock: clock)
        record(machine.start())
    }

    @discardableResult
    mutating func send(_ event: SessionEvent) -> [SessionAction] {
        let produced = machine.handle(event)
        record(produced)
        return produced
    }

    mutating func record(_ produced: [SessionAction]) {
        actions += produced
        for action in produced {
            if case .startTimer(let timer, let delay) = action { timers[timer.kind] = (timer, delay) }
        }
    }

    /// Connects the current connection and completes setup.
    @discardableResult
    mutating func establish() -> [SessionAction] {
        send(.connected(connection: machine.connection))
        return server(["setupComplete": [:]])
    }

    @discardableResult
    mutating func server(_ json: JSONValue) -> [SessionAction] {
        send(.serverMessage(connection: machine.connection, ServerFrame(try! ServerMessage(json: json))))
    }

    @discardableResult
    mutating func client(_ text: String, triggersTurn: Bool = false) -> [SessionAction] {
        let message = OutboundMessage(
            frame: Array(#"{"realtimeInput":{"text":"\#(text)"}}"#.utf8), kind: .realtimeInput,
            triggersTurn: triggersTurn)
        return send(.clientLine(message))
    }

    @discardableResult
    mutating func toolResponse(_ id: String) -> [SessionAction] {
        let frame = #"{"toolResponse":{"functionResponses":[{"id":"\#(id)","response":{}}]}}"#
        return send(.clientLine(OutboundMessage(frame: Array(frame.utf8), kind: .toolResponse, toolCallIDs: [id])))
    }

    @discardableResult
    mutating func turnComplete() -> [SessionAction] { server(["serverContent": ["turnComplete": true]]) }

    @discardableResult
    mutating func handleUpdate(_ handle: String, consumed: Int? = nil) -> [SessionAction] {
        var update: JSONObject = ["newHandle": .string(handle), "resumable": true]
        if let consumed { update["lastConsumedClientMessageIndex"] = .string(String(consumed)) }
        return server(["sessionResumptionUpdate": .object(update)])
    }

    /// Advances the clock by the pending timer's delay and fires it.
    @discardableResult
    mutating func fire(_ kind: SessionTimer.Kind, advancing: Duration? = nil) -> [SessionAction] {
        guard let (timer, delay) = timers.removeValue(forKey: kind) else { return [] }
        clock.advance(by: advancing ?? delay)
        return send(.timerFired(timer))
    }

    /// The texts of `realtimeInput.text` frames in `actions`.
    static func sentTexts(_ actions: [SessionAction]) -> [String] {
        actions.compactMap { action in
            guard case .send(_, let frame) = action else { return nil }
            let json = try! JSONParser.parse(frame)
            return json["realtimeInput"]?["text"]?.stringValue ?? json["toolResponse"].map { _ in "tool" }
        }
    }

    static func setups(_ actions: [SessionAction]) -> [Setup] {
        actions.compactMap { action in
            guard case .connect(_, let setup) = action else { return nil }
            return try! ClientMessage(line: setup).setup
        }
    }

    static func exits(_ actions: [SessionAction]) -> [SessionOutcome] {
        actions.compactMap { action in
            if case .exit(let outcome) = action { return outcome }
            return nil
        }
    }

    static func closes(_ actions: [SessionAction]) -> [Int] {
        actions.compactMap { action in
            if case .closeSocket(_, let code, _) = action { return code }
            return nil
        }
    }
}
