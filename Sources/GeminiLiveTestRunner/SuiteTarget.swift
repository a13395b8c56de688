import GeminiLiveEmulator
import GeminiLiveSession

/// What a run's attempts talk to.
public enum SuiteTarget: Sendable {
    /// A Live endpoint: the service, or an emulator someone else started.
    case endpoint(SessionEndpoint)
    /// A private emulator started for the run, shared by all its attempts.
    case emulator(EmulatorConfiguration)
    /// A private emulator per attempt, replaying the attempt's cassette from this folder (`CassetteLayout`);
    /// `allowStale` replays cassettes recorded for an earlier version of their scenario anyway.
    case replay(folder: String, allowStale: Bool)
}
