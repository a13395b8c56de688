import GeminiLiveEmulator
import GeminiLiveSystem

/// The emulator configuration that replays one cassette as fast as the client goes (speed 0), closing with
/// 1011 and a reason starting `replay diverged` at the first client frame the cassette does not have.
enum ReplayConfiguration {
    static func emulator(replaying cassette: String) throws(ToolError) -> EmulatorConfiguration {
        // The emulator's replay is being built on another branch; until it is merged, --replay stops here.
        throw ToolError(
            category: .usage, description: "--replay: this build's emulator cannot replay cassettes yet (\(cassette))")
    }
}
