import GeminiLiveProtocol

/// The session a scenario opens, described by the scenario's `setup:` section; every field has the default
/// a user would expect of a voice test (audio replies, transcription on, server-side activity detection).
public struct ScenarioSetup: Sendable, Equatable {
    /// The system instruction: inline text (`system:`) or a file (`system_file:`).
    public enum SystemInstruction: Sendable, Equatable {
        case text(String)
        case file(FileReference)
    }

    /// What the model answers with.
    public enum Response: String, Sendable, Equatable, CaseIterable {
        case audio
        case text
    }

    /// Who decides where the user's speech ends.
    public enum ActivityDetection: String, Sendable, Equatable, CaseIterable {
        /// The service's automatic detection.
        case server
        /// Automatic detection off; the turns carry `activity_start` and `activity_end` markers.
        case manual
        /// Automatic detection off and no markers expected.
        case off
    }

    /// The model name; nil leaves it to the runner's default.
    public var model: String?
    /// The system instruction, if any.
    public var system: SystemInstruction?
    /// A JSON file of function declarations, if any.
    public var tools: FileReference?
    /// The prebuilt voice name, if any.
    public var voice: String?
    /// The reply modality.
    public var response: Response
    /// Whether input and output transcription are asked for.
    public var transcription: Bool
    /// The activity-detection mode.
    public var activityDetection: ActivityDetection
    /// Setup members merged in as they are, for fields the scenario format does not model.
    public var raw: JSONObject

    /// Creates a setup; the defaults are those of a scenario whose `setup:` leaves the field out.
    public init(
        model: String? = nil, system: SystemInstruction? = nil, tools: FileReference? = nil, voice: String? = nil,
        response: Response = .audio, transcription: Bool = true, activityDetection: ActivityDetection = .server,
        raw: JSONObject = [:]
    ) {
        self.model = model
        self.system = system
        self.tools = tools
        self.voice = voice
        self.response = response
        self.transcription = transcription
        self.activityDetection = activityDetection
        self.raw = raw
    }
}
