import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveTestSupport
import Synchronization
import Testing

/// `--replay` over a real loopback WebSocket: a session recorded from the emulator's own log, answered again.
@Suite(.serialized)
struct ReplayServerTests {
    /// What the divergence handler was told.
    final class Reports: Sendable {
        let divergences = Mutex<[ReplayDivergence]>([])
    }

    /// Runs one text turn against a normal emulator logging to `path`; returns the server frames' text.
    static func record(_ text: String, setup: String = LiveClient.setup(), to path: String) async throws -> [String] {
        var configuration = EmulatorConfiguration()
        configuration.logPath = path
        let server = try await EmulatorHarness.start(configuration)
        defer { server.stop() }
        return try await turn(text, setup: setup, at: server.endpoint()).value
    }

    static func turn(_ text: String, setup: String = LiveClient.setup(), at url: String) async throws
        -> LiveClient
        .Outcome<[String]>
    {
        try await LiveClient.run(url) { connection in
            try await connection.send(setup)
            guard let first = await connection.next() else { return [] }
            try await connection.send(LiveClient.textTurn(text))
            return [first.text] + (await connection.turn() ?? []).map(\.text)
        }
    }

    static func replaying(_ path: String, reports: Reports? = nil) async throws
        -> EmulatorHarness
    {
        var configuration = EmulatorConfiguration(replayPath: path, replaySpeed: 0)
        if let reports {
            configuration.replayDivergenceHandler = { divergence in
                reports.divergences.withLock { $0.append(divergence) }
            }
        }
        return try await EmulatorHarness.start(configuration)
    }

    @Test func theSameInputGetsTheRecordedFrames() async throws {
        let directory = try TemporaryDirectory("replay")
        let recorded = try await Self.record("hello there", to: directory.file("c.ndjson"))
        #expect(recorded.count > 2)
        let server = try await Self.replaying(directory.file("c.ndjson"))
        let replayed = try await Self.turn("hello   there", at: server.endpoint())
        #expect(replayed.value == recorded)
        #expect(replayed.closeCode == nil || replayed.closeCode == 1000)
    }

    @Test func aChangedTextClosesWith1011AndSaysWhere() async throws {
        let directory = try TemporaryDirectory("replay")
        _ = try await Self.record("hello there", to: directory.file("c.ndjson"))
        let reports = Reports()
        let server = try await Self.replaying(directory.file("c.ndjson"), reports: reports)
        let replayed = try await Self.turn("hello world", at: server.endpoint())
        #expect(replayed.value.count == 1)  // setupComplete only
        #expect(replayed.closeCode == 1011)
        #expect(
            replayed.closeReason
                == #"replay diverged at client frame 2: /clientContent/turns/0/parts/0/text: recorded "hello there", got "hello world""#
        )
        let reported = reports.divergences.withLock { $0 }
        #expect(reported.count == 1)
        #expect(reported.first?.source == directory.file("c.ndjson") + " connection 1")
    }

    @Test func aDirectoryAnswersEachSetupFromItsOwnCassette() async throws {
        let directory = try TemporaryDirectory("replay")
        try FileManager.default.createDirectory(atPath: directory.file("suite"), withIntermediateDirectories: false)
        let text = LiveClient.setup(#""generationConfig":{"responseModalities":["TEXT"]}"#)
        let audio = LiveClient.setup(#""generationConfig":{"responseModalities":["AUDIO"]}"#)
        let first = try await Self.record("one", setup: text, to: directory.file("suite/a.ndjson"))
        let second = try await Self.record("two", setup: audio, to: directory.file("suite/b.ndjson"))
        let server = try await Self.replaying(directory.file("suite"))
        #expect(try await Self.turn("two", setup: audio, at: server.endpoint()).value == second)
        #expect(try await Self.turn("one", setup: text, at: server.endpoint()).value == first)
        // Each recorded connection answers once: a third client with the same setup has none left.
        let third = try await Self.turn("one", setup: text, at: server.endpoint())
        #expect(third.closeCode == 1011)
        #expect(third.closeReason?.hasPrefix("replay diverged at client frame 1: /setup") == true)
    }

    @Test func missingCassettesStopTheStart() throws {
        let directory = try TemporaryDirectory("replay")
        #expect(throws: EmulatorError.self) {
            try EmulatorServer(configuration: EmulatorConfiguration(replayPath: directory.file("none.ndjson")))
        }
        do {
            _ = try EmulatorServer(configuration: EmulatorConfiguration(replayPath: directory.path))
            Issue.record("an empty directory was accepted")
        } catch {
            #expect(error.category == .noInput)
        }
    }
}
