import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveTestSupport

/// Drives an `AttemptStateMachine` by hand, like a fake I/O layer: keeps every action and the timers still
/// running, and fires them in time order when the clock is advanced.
struct AttemptHarness {
    let clock = ManualClock()
    var machine: AttemptStateMachine<ManualClock>
    /// Every action so far.
    var actions: [AttemptAction] = []
    /// Timers started and not yet fired, with their deadlines as offsets from the start.
    var timers: [(timer: AttemptTimer, deadline: Duration)] = []

    init(_ turns: [PreparedTurn], toolResponses: [CannedToolResponse] = [], timeout: Duration = .seconds(30)) {
        let plan = AttemptPlan(
            setup: Setup(model: "models/m"), turns: turns, toolResponses: toolResponses, turnTimeout: timeout)
        machine = AttemptStateMachine(plan: plan, clock: clock)
        record(machine.start())
    }

    mutating func record(_ produced: [AttemptAction]) {
        actions += produced
        for case .startTimer(let timer, let delay) in produced {
            timers.append((timer, clock.now.offset + delay))
        }
    }

    /// Handles one event; returns what it produced.
    @discardableResult
    mutating func send(_ event: AttemptEvent) -> [AttemptAction] {
        let produced = machine.handle(event)
        record(produced)
        return produced
    }

    @discardableResult
    mutating func ready() -> [AttemptAction] { send(.sessionReady) }

    @discardableResult
    mutating func server(_ json: JSONValue) -> [AttemptAction] {
        send(.serverMessage(try! ServerMessage(json: json)))
    }

    /// Moves the clock on by `duration`, firing every timer that falls due on the way, in deadline order.
    @discardableResult
    mutating func advance(by duration: Duration) -> [AttemptAction] {
        let end = clock.now.offset + duration
        var produced: [AttemptAction] = []
        while let index = timers.indices.min(by: { timers[$0].deadline < timers[$1].deadline }),
            timers[index].deadline <= end
        {
            let (timer, deadline) = timers.remove(at: index)
            clock.advance(by: deadline - clock.now.offset)
            produced += send(.timerFired(timer))
        }
        clock.advance(by: end - clock.now.offset)
        return produced
    }

    /// The client messages sent so far, as compact JSON.
    var sent: [String] {
        actions.compactMap { action in
            guard case .send(let message) = action else { return nil }
            return message.description
        }
    }

    /// Whether the attempt asked to close the session.
    var closed: Bool { actions.contains(.close) }

    static func text(_ text: String, start: ScenarioTurn.Start? = nil) -> PreparedTurn {
        let content = ClientContent(turns: [Content(role: "user", parts: [Part(text: text)])], turnComplete: true)
        return PreparedTurn(messages: [ClientMessage(.clientContent(content))], awaitsReply: true, start: start)
    }

    static let audio: JSONValue = [
        "serverContent": [
            "modelTurn": ["parts": [["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": "AAAA"]]]]
        ]
    ]
    static let turnComplete: JSONValue = ["serverContent": ["turnComplete": true]]
    static let interrupted: JSONValue = ["serverContent": ["interrupted": true]]
}
