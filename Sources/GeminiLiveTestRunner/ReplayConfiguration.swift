import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization

/// The emulator configuration that replays one cassette as fast as the client goes (speed 0): at the first
/// client frame the cassette does not have, the emulator closes with 1011 and a reason starting
/// `replay diverged`, and hands the whole story (frame index, JSON pointer, both values) to `divergence`.
final class ReplayConfiguration: Sendable {
    private let divergence = Mutex<ReplayDivergence?>(nil)
    /// The emulator's configuration.
    let emulator: EmulatorConfiguration

    init(replaying recording: FrameRecording, from cassette: String) {
        var configuration = EmulatorConfiguration()
        configuration.replayRecording = (recording, cassette)
        configuration.replaySpeed = 0
        emulator = configuration
    }

    /// The configuration with the handler that keeps the divergence for `diverged`.
    var configuration: EmulatorConfiguration {
        var configuration = emulator
        configuration.replayDivergenceHandler = { found in self.divergence.withLock { $0 = $0 ?? found } }
        return configuration
    }

    /// The first divergence the emulator reported, if any.
    var diverged: ReplayDivergence? { divergence.withLock { $0 } }
}
