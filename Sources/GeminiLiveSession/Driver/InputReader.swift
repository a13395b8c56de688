import GeminiLiveProtocol
import GeminiLiveSystem

/// Reads the inputs that the event loop cannot watch (regular files, ttys), each on a plain thread of its own;
/// pipes and FIFOs are read on the loop (`InputPipeHandler`). Both hand lines to the same `InputIntake`.
struct InputReader: Sendable {
    let intake: InputIntake

    /// Reads `source` on its own thread, waiting while `gate` is closed; calls `ended` after its last event.
    func startThread(_ source: InputSource, events: EventQueue, gate: InputGate, ended: @escaping @Sendable () -> Void)
    {
        BlockingThread.start {
            read(source, events: events, gate: gate)
            ended()
        }
    }

    private func read(_ source: InputSource, events: EventQueue, gate: InputGate) {
        var source = source
        while true {
            gate.waitUntilOpen()
            let line: NDJSONLine?
            do {
                line = try source.nextLine()
            } catch {
                events.pushBlocking(.inputFailed(SessionOutcome(.io, error.description)))
                return
            }
            guard let line, push(line, source: source.name, events: events) else { return }
        }
    }

    private func push(_ line: NDJSONLine, source name: String, events: EventQueue) -> Bool {
        let (taken, goOn) = intake.take(line, source: name)
        for event in taken { events.pushBlocking(event) }
        return goOn
    }
}
