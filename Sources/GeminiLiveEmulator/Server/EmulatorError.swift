/// A failure to start the emulator (bad certificate, unwritable log, unreadable script), with a sentence saying so.
public struct EmulatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
