import ArgumentParser
import GeminiLiveSystem

/// Writes a tool's messages to stderr, one line each, prefixed with the tool's name.
///
/// Libraries never print; they throw errors that describe themselves. Only the front
/// ends talk to the user, and only through this type, so stdout stays data-only.
public struct Diagnostics: Sendable {
    /// The program name that starts every line, e.g. `gemini-live-encode`.
    public let tool: String
    /// 0 = errors and warnings only, 1 = `-v`, 2 = `-vv`.
    public var verbosity: Int
    /// Rewrites each line before it is written: a tool that holds secrets redacts them here, so that no message
    /// (a server's close reason, an error quoting a file) can carry one to stderr.
    public var filter: (@Sendable (String) -> String)?

    /// Creates a reporter for `tool`.
    public init(tool: String, verbosity: Int = 0) {
        self.tool = tool
        self.verbosity = verbosity
    }

    /// `tool: message` on stderr. Use for errors: the message itself names the source.
    public func error(_ message: String) {
        emit("\(tool): \(message)")
    }

    /// `tool: warning: message` on stderr.
    public func warning(_ message: String) {
        emit("\(tool): warning: \(message)")
    }

    /// Printed only at `-v` or above.
    public func info(_ message: @autoclosure () -> String) {
        if verbosity >= 1 { emit("\(tool): \(message())") }
    }

    /// Printed only at `-vv`.
    public func debug(_ message: @autoclosure () -> String) {
        if verbosity >= 2 { emit("\(tool): \(message())") }
    }

    /// Prints `error` as `tool: description` and returns the exit its category calls for, for the caller to throw.
    ///
    /// This is the one way a front end ends on an error: the category picks the code through `ExitStatus`,
    /// so no tool maps errors by hand. A closed stdout and an empty description print nothing; an error that
    /// is not categorised is a `failure` (1); an `ExitCode` already chosen passes through unchanged.
    public func exit(reporting error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let categorised = error as? any CategorisedError
        let category = categorised?.category ?? .failure
        let text = categorised?.description ?? "\(error)"
        if category != .outputClosed && !text.isEmpty { self.error(text) }
        return ExitCode(ExitStatus(category).rawValue)
    }

    private func emit(_ line: String) {
        LineOutput.write(filter?(line) ?? line, to: 2)
    }
}
