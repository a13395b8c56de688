@testable import GeminiLiveEmulator
import GeminiLiveProtocol
import Testing

/// Which recorded connection a live connection gets, from its setup alone.
struct ReplayLibraryTests {
    typealias F = ReplayFixtures

    static func setup(_ model: String) -> JSONValue { ["setup": ["model": .string(model)]] }

    static func script(_ model: String, _ source: String) -> ReplayScript {
        ReplayScript(
            recording: FrameRecording(frames: [F.client(0, setup(model)), F.server(10, F.setupComplete)]),
            connection: 1, source: source)
    }

    static let library = ReplayLibrary(
        scripts: [script("models/a", "a1"), script("models/b", "b1"), script("models/a", "a2")], speed: 0)

    static func claimed(_ library: ReplayLibrary, _ model: String) -> String? {
        try? library.claim(ReplayNormalisation.normalised(setup(model))).get().source
    }

    @Test func unusedMatchesComeFirstThenRoundAgain() {
        let library = ReplayLibrary(scripts: Self.library.scripts, speed: 0)
        #expect(["a", "a", "b", "a", "b"].map { Self.claimed(library, $0) } == ["a1", "a2", "b1", "a1", "b1"])
    }

    @Test func anUnknownSetupDivergesAgainstTheLeastUsed() {
        let library = ReplayLibrary(scripts: Self.library.scripts, speed: 0)
        _ = Self.claimed(library, "a")
        guard case .failure(let divergence) = library.claim(ReplayNormalisation.normalised(Self.setup("c"))) else {
            Issue.record("an unknown setup was answered")
            return
        }
        #expect(divergence.source == "b1")
        #expect(
            divergence.closeReason.reason
                == #"replay diverged at client frame 1: /setup/model: recorded "models/b", got "models/c""#)
    }

    @Test func aFirstFrameThatIsNoSetupDivergesAtSetup() {
        let library = ReplayLibrary(scripts: Self.library.scripts, speed: 0)
        guard case .failure(let divergence) = library.claim(ReplayNormalisation.normalised(F.text("hi"))) else {
            Issue.record("a text turn was taken for a setup")
            return
        }
        #expect(divergence.pointer == "/setup")
        #expect(divergence.got == "nothing")
    }
}
