import GeminiLiveProtocol

/// Turns input lines into session events: each line validated and taken whole, so inputs merge line by line.
///
/// A bad line becomes `.badInputLine` (reported, skipped); under `strict` the first one ends the session. A
/// `setup` line becomes `.setupLine` once `layered` has laid the flags over it.
public struct InputIntake: Sendable {
    /// How lines are checked.
    public var validator: InputValidator
    /// End at the first bad line instead of skipping it.
    public var strict: Bool
    /// The setup a `setup` line stands for: the flags laid over it (`SetupLayering`).
    public var layered: @Sendable (Setup) -> Setup

    /// Creates an intake.
    public init(validator: InputValidator, strict: Bool, layered: @escaping @Sendable (Setup) -> Setup = { $0 }) {
        self.validator = validator
        self.strict = strict
        self.layered = layered
    }

    /// The events one line from `name` becomes, and whether reading should go on (not after a bad line under
    /// `strict`, nor after a conflict with the setup).
    public func take(_ line: NDJSONLine, source name: String) -> (events: [SessionEvent], goOn: Bool) {
        do throws(MessageDecodingError) {
            switch try validator.validate(line.bytes) {
            case .messages(let messages):
                if let conflict = validator.conflict(messages) {
                    return ([.inputFailed(SessionOutcome(.usage, "\(name):\(line.number): \(conflict)"))], false)
                }
                return (messages.map(SessionEvent.clientLine), true)
            case .setup(let setup):
                return ([.setupLine(layered(setup))], true)
            }
        } catch {
            // Built only here: a name per line would cost an allocation for every good line.
            let text = "\(name):\(line.number): \(error.description)"
            if strict { return ([.inputFailed(SessionOutcome(.badData, text + " (--strict)"))], false) }
            return ([.badInputLine(text)], true)
        }
    }
}
