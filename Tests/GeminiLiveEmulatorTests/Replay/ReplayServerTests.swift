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
        try FileManager.default.createDirectory(atPath: directory.file("suite/b"), withIntermediateDirectories: false)
        let second = try await Self.record("two", setup: audio, to: directory.file("suite/b/attempt-1.ndjson"))
        let server = try await Self.replaying(directory.file("suite"))
        #expect(try await Self.turn("two", setup: audio, at: server.endpoint()).value == second)
        #expect(try await Self.turn("one", setup: text, at: server.endpoint()).value == first)
        // Used ones come round again; a setup no cassette has diverges at the first frame.
        #expect(try await Self.turn("one", setup: text, at: server.endpoint()).value == first)
        let other = try await Self.turn("one", setup: LiveClient.setup(model: "models/other"), at: server.endpoint())
        #expect(other.closeCode == 1011)
        #expect(
            other.closeReason
                == #"replay diverged at client frame 1: /setup/model: recorded "models/gemini-2.0-fl…, got "models/other""#
        )
    }

    @Test func aResumedSessionFindsEachOfItsConnections() async throws {
        let directory = try TemporaryDirectory("replay")
        let setup = LiveClient.setup(#""sessionResumption":{}"#)
        let resumed = LiveClient.setup(#""sessionResumption":{"handle":"h1"}"#)
        let lines = [
            #"{"time":0,"connection":1,"direction":"client","frame":"text","message":\#(setup)}"#,
            #"{"time":0.01,"connection":1,"direction":"server","frame":"binary","message":{"setupComplete":{}}}"#,
            #"{"time":0.02,"connection":1,"direction":"client","frame":"text","message":\#(LiveClient.textTurn("one"))}"#,
            #"{"time":0.03,"connection":1,"direction":"server","frame":"binary","message":{"sessionResumptionUpdate":{"newHandle":"h1","resumable":true}}}"#,
            #"{"time":0.04,"connection":1,"direction":"server","frame":"close","code":1011,"reason":"Internal error occurred."}"#,
            #"{"time":0.3,"connection":2,"direction":"client","frame":"text","message":\#(resumed)}"#,
            #"{"time":0.31,"connection":2,"direction":"server","frame":"binary","message":{"setupComplete":{}}}"#,
            #"{"time":0.32,"connection":2,"direction":"client","frame":"text","message":\#(LiveClient.textTurn("one"))}"#,
            #"{"time":0.33,"connection":2,"direction":"server","frame":"binary","message":{"serverContent":{"turnComplete":true}}}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: directory.file("r.ndjson"), atomically: true, encoding: .utf8)
        let server = try await Self.replaying(directory.file("r.ndjson"))
        // Recorded in the opposite order to the connections' own: each setup still finds its own.
        let second = try await Self.turn("one", setup: resumed, at: server.endpoint())
        #expect(
            second.value == [
                "{\n  \"setupComplete\": {}\n}\n", "{\n  \"serverContent\": {\n    \"turnComplete\": true\n  }\n}\n",
            ])
        let first = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(setup)
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("one"))
            return await connection.next()?.json
        }
        #expect(first.value == ["sessionResumptionUpdate": ["newHandle": "h1", "resumable": true]])
        #expect(first.closeCode == 1011)
        #expect(first.closeReason == "Internal error occurred.")
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
