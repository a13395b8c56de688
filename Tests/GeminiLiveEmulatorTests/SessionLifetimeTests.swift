import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import GeminiLiveTestSupport
import Testing

/// Resumption, lifetime, injected faults and the frame log, over real sockets.
@Suite(.serialized)
struct SessionLifetimeTests {
    static let textSetup = #""generationConfig":{"responseModalities":["TEXT"]}"#

    @Test func resumptionContinuesTheConversationOnANewConnection() async throws {
        let server = try await EmulatorHarness.start()
        let first = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup("\(Self.textSetup),\"sessionResumption\":{}"))
            var frames =
                await connection.collect(until: {
                    $0.message?.kind.map { "\($0)" }?.contains("sessionResumptionUpdate") == true
                }) ?? []
            try await connection.send(LiveClient.textTurn("apple"))
            frames += await connection.turn() ?? []
            frames += await connection.next().map { [$0] } ?? []
            return frames
        }
        let updates = first.value.compactMap { frame -> SessionResumptionUpdate? in
            if case .sessionResumptionUpdate(let update)? = frame.message?.kind { return update }
            return nil
        }
        try #require(updates.count == 3)
        #expect(updates[0].resumable == true && updates[0].newHandle?.count == 36)
        #expect(updates[1].resumable == false && updates[1].newHandle == "")
        let handle = try #require(updates.last?.newHandle)
        #expect(updates.last?.resumable == true && handle != updates[0].newHandle)

        let second = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup("\(Self.textSetup),\"sessionResumption\":{\"handle\":\"\(handle)\"}"))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("banana"))
            return await connection.turn() ?? []
        }
        let reply = second.value.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "Turn 2. You said: banana.")
    }

    @Test func handlesLiveExactlyTheirTTL() {
        let store = ResumptionStore(ttl: 0.2)
        var snapshot = ConversationSnapshot()
        snapshot.turnCount = 3
        let start = ContinuousClock.now
        store.store(snapshot, handle: "h", now: start)
        #expect(store.snapshot(for: "h", now: start) == snapshot)
        #expect(store.snapshot(for: "h", now: start + .milliseconds(199)) == snapshot)
        #expect(store.snapshot(for: "h", now: start + .milliseconds(200)) == nil)
        #expect(store.snapshot(for: "other", now: start) == nil)
        // Storing a later handle sweeps the expired one away, and the new one keeps its own TTL.
        store.store(snapshot, handle: "later", now: start + .milliseconds(300))
        #expect(store.snapshot(for: "h", now: start) == nil)
        #expect(store.snapshot(for: "later", now: start + .milliseconds(499)) == snapshot)
    }

    /// A TTL of zero expires every handle the moment it is issued, so no test has to outwait one.
    @Test func expiredHandlesAreRefused() async throws {
        var configuration = EmulatorConfiguration()
        configuration.handleTTL = 0
        let server = try await EmulatorHarness.start(configuration)
        let first = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup("\"sessionResumption\":{}"))
            _ = await connection.next()
            return await connection.next()
        }
        guard case .sessionResumptionUpdate(let update)? = first.value?.message?.kind, let handle = update.newHandle
        else {
            Issue.record("no handle")
            return
        }
        let second = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup("\"sessionResumption\":{\"handle\":\"\(handle)\"}"))
            return await connection.next(timeout: 5)
        }
        #expect(second.closeCode == 1008)
        #expect(second.closeReason == "BidiGenerateContent session not found")
    }

    @Test func consumedIndexCountsClientMessagesAfterSetup() async throws {
        var configuration = EmulatorConfiguration()
        configuration.consumedIndex = true
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup("\(Self.textSetup),\"sessionResumption\":{}"))
            _ = await connection.next()
            _ = await connection.next()
            try await connection.send(#"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"a"}]}]}}"#)
            try await connection.send(LiveClient.textTurn("b"))
            _ = await connection.turn()
            return await connection.next()?.json
        }
        let update = try #require(outcome.value?["sessionResumptionUpdate"])
        #expect(update["lastConsumedClientMessageIndex"] == "1")
    }

    @Test func goAwayComesBeforeTheDeadlineClose() async throws {
        var configuration = EmulatorConfiguration()
        configuration.connectionLifetime = 1.2
        configuration.goAwayLead = 0.6
        let server = try await EmulatorHarness.start(configuration)
        let start = Date()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup())
            _ = await connection.next()
            let goAway = await connection.next(timeout: 5)
            let elapsed = Date().timeIntervalSince(start)
            _ = await connection.next(timeout: 5)
            return (goAway?.json, elapsed)
        }
        // Received at all means before the close; no earlier than lifetime minus lead after connecting.
        #expect(outcome.value.0 == ["goAway": ["timeLeft": "1s"]])
        #expect(outcome.value.1 >= 0.6)
        #expect(outcome.closeCode == 1011)
        #expect(outcome.closeReason == "Deadline expired before operation could complete.")
        #expect(Date().timeIntervalSince(start) >= 1.2)
    }

    @Test func failAfterClosesWithInternalErrorOnTheFirstConnectionOnly() async throws {
        var configuration = EmulatorConfiguration()
        configuration.failAfter = 2
        let server = try await EmulatorHarness.start(configuration)
        for connectionNumber in 1...2 {
            let outcome = try await LiveClient.run(server.endpoint()) { connection in
                try await connection.send(LiveClient.setup(Self.textSetup))
                _ = await connection.next()
                try await connection.send(#"{"realtimeInput":{"text":"one"}}"#)
                _ = await connection.turn()
                try await connection.send(#"{"realtimeInput":{"text":"two"}}"#)
                return await connection.turn(timeout: 5)?.count ?? 0
            }
            if connectionNumber == 1 {
                #expect(outcome.closeCode == 1011)
                #expect(outcome.closeReason == "Internal error occurred.")
            } else {
                #expect(outcome.value > 0)
                #expect(outcome.closeCode != 1011)
            }
        }
    }

    @Test func dropAfterCutsTheConnectionWithoutACloseFrameAndIsLogged() async throws {
        let directory = try TemporaryDirectory("emulator-log")
        var configuration = EmulatorConfiguration()
        configuration.dropAfter = 1
        configuration.faultEveryConnection = true
        configuration.logPath = directory.file("frames.ndjson")
        let server = try await EmulatorHarness.start(configuration)
        var closeCode: Int?
        do {
            let outcome = try await LiveClient.run(server.endpoint()) { connection in
                try await connection.send(LiveClient.setup())
                _ = await connection.next()
                try await connection.send(#"{"realtimeInput":{"text":"one"}}"#)
                return await connection.next(timeout: 5)
            }
            #expect(outcome.value == nil)
            closeCode = outcome.closeCode
        } catch {
            closeCode = nil
        }
        #expect(closeCode == nil || closeCode == 1006)
        var lines = try String(contentsOfFile: directory.file("frames.ndjson"), encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
        let header = lines.removeFirst()
        #expect(header["cassette"] == 1 && header["recorded"]?.stringValue?.hasSuffix("Z") == true)
        let summary = lines.map { "\($0["direction"]?.stringValue ?? "") \($0["frame"]?.stringValue ?? "")" }
        try #require(summary == ["client text", "server binary", "client text", "server drop"])
        #expect(lines[0]["connection"] == 1)
        #expect(lines[0]["message"]?["setup"]?["model"] == "models/gemini-2.0-flash-live-001")
        #expect(lines[1]["message"] == ["setupComplete": [:]])
        #expect(lines[2]["message"] == ["realtimeInput": ["text": "one"]])
        #expect((lines[3]["t"]?.doubleValue ?? -1) >= (lines[0]["t"]?.doubleValue ?? 0))
    }

    @Test func logRecordsClosesWithCodeAndReason() async throws {
        let directory = try TemporaryDirectory("emulator-log")
        var configuration = EmulatorConfiguration()
        configuration.logPath = directory.file("frames.ndjson")
        let server = try await EmulatorHarness.start(configuration)
        _ = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(model: "models/nope"))
            return await connection.next(timeout: 5)
        }
        let lines = try String(contentsOfFile: directory.file("frames.ndjson"), encoding: .utf8)
            .split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
        let close = try #require(lines.last)
        #expect(close["frame"] == "close")
        #expect(close["direction"] == "server")
        #expect(close["code"] == 1008)
        #expect(close["reason"]?.stringValue?.hasPrefix("models/nope is not found for API version v1beta") == true)
    }

    @Test func tlsServesWssWithACertificateForLocalhost() async throws {
        let directory = try TemporaryDirectory("emulator-tls")
        _ = try await BlockingThread.run { try LocalhostCertificate(in: directory) }
        var configuration = EmulatorConfiguration()
        configuration.tlsCertificatePath = directory.file("cert.pem")
        configuration.tlsKeyPath = directory.file("key.pem")
        let server = try await EmulatorHarness.start(configuration)
        #expect(server.url.hasPrefix("wss://localhost:"))
        let outcome = try await LiveClient.run(server.endpoint("v1"), trustPEM: directory.file("cert.pem")) {
            connection in
            try await connection.send(LiveClient.setup(Self.textSetup))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("secure"))
            return await connection.turn() ?? []
        }
        let reply = outcome.value.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "Turn 1. You said: secure.")
    }

    @Test func slowPongsMakeAPingingClientGiveUp() async throws {
        var configuration = EmulatorConfiguration()
        configuration.slowPongs = 1.5
        let slow = try await EmulatorHarness.start(configuration)
        let fast = try await EmulatorHarness.start()
        // The server sends nothing after setupComplete: only the client's giving up can end the wait early.
        var ends: [(ended: Bool, seconds: Double)] = []
        for (server, wait) in [(slow, 30.0), (fast, 2.0)] {
            let outcome = try await LiveClient.run(server.endpoint(), pingEvery: .milliseconds(300)) { connection in
                try await connection.send(LiveClient.setup())
                _ = await connection.next()
                let start = Date()
                _ = await connection.next(timeout: wait)
                return (await connection.queue.hasEnded, Date().timeIntervalSince(start))
            }
            ends.append(outcome.value)
        }
        #expect(ends[0].ended, "the client closed for want of a pong")
        #expect(!ends[1].ended && ends[1].seconds >= 1.9, "pongs in time keep the connection")
    }

    @Test func aScriptCanMakePongsSlowMidSession() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try EmulatorScript(
            json: Array(#"{"rules":[{"match":{"text":"slow"},"reply":[{"slowPongs":1.5},{"say":"ok"}]}]}"#.utf8))
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint(), pingEvery: .milliseconds(300)) { connection in
            try await connection.send(LiveClient.setup(Self.textSetup))
            _ = await connection.next()
            // Pongs are prompt at first: the connection outlives a second of pings.
            let before = Date()
            _ = await connection.next(timeout: 1)
            let healthy = (await !connection.queue.hasEnded, Date().timeIntervalSince(before))
            try await connection.send(LiveClient.textTurn("slow now"))
            _ = await connection.turn()
            // Nothing more comes from the server: only the client's giving up ends this wait early.
            _ = await connection.next(timeout: 30)
            return (healthy, await connection.queue.hasEnded)
        }
        #expect(outcome.value.0.0 && outcome.value.0.1 >= 0.9, "pongs were slow before the script asked")
        #expect(outcome.value.1, "the client closed for want of a pong once the script slowed them")
    }

    @Test func stallDelaysTheStartOfEachReply() async throws {
        var configuration = EmulatorConfiguration()
        configuration.stall = 0.8
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(Self.textSetup))
            _ = await connection.next()
            let start = Date()
            try await connection.send(LiveClient.textTurn("wait"))
            let first = await connection.next(timeout: 5)
            let elapsed = Date().timeIntervalSince(start)
            _ = await connection.turn()
            return (first?.message?.serverContent?.modelTurn != nil, elapsed)
        }
        #expect(outcome.value.0)
        #expect(outcome.value.1 >= 0.8)
    }
}
