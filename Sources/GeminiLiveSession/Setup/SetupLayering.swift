import GeminiLiveProtocol

/// The session's setups from what the user gave: the first one from flags over `--setup FILE`, and each `setup`
/// input line made ready to be laid over the running setup (`SetupOverlay`, in the state machine).
///
/// The files the flags name (`--system @FILE`, `--tools`) were read once, at start.
public struct SetupLayering: Sendable {
    /// The flags' setup fields, files already read.
    var options: SetupOptions
    /// The model when neither the base setup nor the flags name one, with `models/`.
    var defaultModel: String
    /// Whether the session asks for resumption handles.
    var resumption: Bool
    /// Vertex AI's project and location, when the session runs there.
    var vertex: VertexAccess?
    /// `--transparent-resumption` (Vertex AI).
    var transparentResumption: Bool

    /// The first setup: `base` with the flags laid over it, the Vertex model name on Vertex AI, and no
    /// `sessionResumption` without resumption.
    func setup(over base: Setup) throws(SessionSetupError) -> Setup {
        var setup = base
        if setup.model.isEmpty { setup.model = defaultModel }
        setup = options.apply(to: setup)
        try adaptToBackend(&setup)
        if !resumption { setup.sessionResumption = nil }
        return setup
    }

    /// A `setup` line as it is laid over the running setup: a model it names gets `models/` (or its Vertex name);
    /// one that names none (empty) keeps the session's. Fails when Vertex AI refuses what it asks for.
    public func line(_ line: Setup) throws(SessionSetupError) -> Setup {
        var setup = line
        if !setup.model.isEmpty { setup.model = SetupOptions.qualifiedModel(setup.model) }
        try adaptToBackend(&setup)
        if line.model.isEmpty { setup.model = "" }
        if !resumption { setup.sessionResumption = nil }
        return setup
    }

    /// On Vertex AI, its model name and refusals (`VertexAccess.adapt`); on the Gemini API, the refusal of what only
    /// Vertex AI has.
    private func adaptToBackend(_ setup: inout Setup) throws(SessionSetupError) {
        if let vertex {
            setup = try vertex.adapt(setup, transparentResumption: transparentResumption)
        } else if setup.sessionResumption?.unknownFields["transparent"] != nil {
            throw SessionSetupError(
                .usage,
                "sessionResumption.transparent in the setup is a Vertex AI feature: add --vertex, or drop it from the setup"
            )
        }
    }
}
