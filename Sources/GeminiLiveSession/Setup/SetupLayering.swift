import GeminiLiveProtocol

/// How a setup given as a message (a `setup` input line) becomes the session's setup: the flags laid over it.
///
/// The same rule as for `--setup FILE`: a line that names no model takes the one a setup from flags would
/// (`--model`, `$GEMINI_LIVE_MODEL`, the default), flags override its fields, and without resumption it carries no
/// `sessionResumption`. The files the flags name (`--system @FILE`, `--tools`) were read once, at start.
public struct SetupLayering: Sendable {
    /// The flags' setup fields, files already read.
    var options: SetupOptions
    /// The model for a line that names none, with `models/`.
    var defaultModel: String
    /// Whether the session asks for resumption handles.
    var resumption: Bool

    /// The setup `line` stands for.
    public func setup(from line: Setup) -> Setup {
        var setup = line
        if setup.model.isEmpty { setup.model = defaultModel }
        setup = options.apply(to: setup)
        if !resumption { setup.sessionResumption = nil }
        return setup
    }
}
