import GeminiLiveProtocol
import Synchronization

/// Reads every input on its own thread, validates each line and queues it whole, so inputs merge line by line.
///
/// Bad lines are reported through `report` as `name:LINE: problem` and skipped; under `strict` the first
/// one ends the session. When every input has ended, `.stdinEOF` is queued.
struct InputReader: Sendable {
    let sources: [InputSource]
    let validator: InputValidator
    let strict: Bool
    let report: @Sendable (String) -> Void

    func start(events: EventQueue, gate: InputGate) {
        let remaining = Atomic<Int>(sources.count)
        if sources.isEmpty { events.pushNow(.stdinEOF) }
        for source in sources {
            BlockingThread.start {
                read(source, events: events, gate: gate)
                if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                    events.pushBlocking(.stdinEOF)
                }
            }
        }
    }

    private func read(_ source: InputSource, events: EventQueue, gate: InputGate) {
        var reader = source.reader
        if let first = source.pendingLine {
            guard take(first.bytes, number: first.number, source: source, events: events) else { return }
        }
        while true {
            gate.waitUntilOpen()
            let line: NDJSONLine?
            do {
                line = try reader.next()
            } catch {
                events.pushBlocking(.inputFailed(SessionOutcome(.inputUnreadable, error.description)))
                return
            }
            guard let line else { return }
            guard take(line.bytes, number: line.number, source: source, events: events) else { return }
        }
    }

    /// Validates and queues one line; false when the session must end (a bad line under `strict`).
    private func take(_ bytes: [UInt8], number: Int, source: InputSource, events: EventQueue) -> Bool {
        let origin = "\(source.name):\(number)"
        do throws(MessageDecodingError) {
            switch try validator.validate(bytes, origin: origin) {
            case .messages(let messages):
                for message in messages { events.pushBlocking(.clientLine(message)) }
                return true
            case .setup:
                throw MessageDecodingError(
                    reason: "a setup is only accepted as the first line of stdin; use --setup FILE or flags")
            }
        } catch {
            let text = "\(origin): \(error.description)"
            if strict {
                events.pushBlocking(.inputFailed(SessionOutcome(.badInput, text + " (--strict)")))
                return false
            }
            report(text + "; line skipped")
            return true
        }
    }
}
