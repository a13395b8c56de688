import GeminiLiveProtocol

/// Turns input lines into session events: each line validated and taken whole, so inputs merge line by line.
///
/// A bad line becomes `.badInputLine` (reported, skipped); under `strict` the first one ends the session. A
/// `setup` line becomes `.setupLine` once `layered` has made it ready (its model qualified, Vertex AI's rules).
public struct InputIntake: Sendable {
    /// How lines are checked.
    public var validator: InputValidator
    /// End at the first bad line instead of skipping it.
    public var strict: Bool
    /// A `setup` line made ready to be laid over the running setup; its error makes the line bad.
    public var layered: @Sendable (Setup) throws(MessageDecodingError) -> Setup

    /// Creates an intake.
    public init(
        validator: InputValidator, strict: Bool,
        layered: @escaping @Sendable (Setup) throws(MessageDecodingError) -> Setup = { $0 }
    ) {
        self.validator = validator
        self.strict = strict
        self.layered = layered
    }

    /// The events one line from `name` becomes, and whether reading should go on (not after a bad line under
    /// `strict`).
    public func take(_ line: NDJSONLine, source name: String) -> (events: [SessionEvent], goOn: Bool) {
        do throws(MessageDecodingError) {
            switch try validator.validate(line.bytes) {
            case .messages(let messages):
                // The machine checks activity markers against the setup in force when they go out, so these name
                // their line for the message that may refuse them (built only for these rare lines).
                return (
                    messages.map {
                        $0.marksActivity ? .activityLine($0, origin: "\(name):\(line.number)") : .clientLine($0)
                    }, true
                )
            case .setup(let setup):
                return ([.setupLine(try layered(setup))], true)
            }
        } catch {
            // Built only here: a name per line would cost an allocation for every good line.
            let text = "\(name):\(line.number): \(error.description)"
            if strict { return ([.inputFailed(SessionOutcome(.badData, text + " (--strict)"))], false) }
            return ([.badInputLine(text)], true)
        }
    }
}
