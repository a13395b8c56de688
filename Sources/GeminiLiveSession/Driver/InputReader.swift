import GeminiLiveProtocol
import GeminiLiveSystem

/// Turns input lines into session events: each line validated and queued whole, so inputs merge line by line.
///
/// Pipes and FIFOs are read on the event loop (`InputPipeHandler`); other inputs on a plain thread each,
/// here. Bad lines are reported through `report` as `name:LINE: problem` and skipped; under `strict` the
/// first one ends the session.
struct InputReader: Sendable {
    let validator: InputValidator
    let strict: Bool
    let report: @Sendable (String) -> Void

    /// The events one line becomes, and whether reading should go on (not after a bad line under `strict`).
    func take(_ line: NDJSONLine, source name: String) -> (events: [SessionEvent], goOn: Bool) {
        do throws(MessageDecodingError) {
            switch try validator.validate(line.bytes) {
            case .messages(let messages):
                if let conflict = validator.conflict(messages) {
                    return ([.inputFailed(SessionOutcome(.usage, "\(name):\(line.number): \(conflict)"))], false)
                }
                return (messages.map(SessionEvent.clientLine), true)
            case .setup:
                throw MessageDecodingError(
                    reason: "a setup is only accepted as the first line of stdin; use --setup FILE or flags")
            }
        } catch {
            // Built only here: a name per line would cost an allocation for every good line.
            let text = "\(name):\(line.number): \(error.description)"
            if strict { return ([.inputFailed(SessionOutcome(.badData, text + " (--strict)"))], false) }
            report(text + "; line skipped")
            return ([], true)
        }
    }

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
        if let first = source.pendingLine {
            guard push(first, source: source.name, events: events) else { return }
        }
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
        let (taken, goOn) = take(line, source: name)
        for event in taken { events.pushBlocking(event) }
        return goOn
    }
}
