import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import GeminiLiveTestSupport
import Testing

/// Scripted replies, and the built binary's command-line contract.
@Suite(.serialized)
struct ScriptAndCommandTests {
    static let textSetup = #""generationConfig":{"responseModalities":["TEXT"]}"#

    static func script(_ json: String) throws -> EmulatorScript {
        try EmulatorScript(json: Array(json.utf8))
    }

    @Test func scriptedToolCallWaitsForTheResponseAndUsesIt() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try Self.script(
            #"{"rules":[{"match":{"text":"weather"},"reply":[{"toolCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_1"}},{"say":"It is {{response}} in Paris."}]}]}"#
        )
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(Self.textSetup))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("what is the weather"))
            let call = await connection.next()
            try await connection.send(
                #"{"toolResponse":{"functionResponses":[{"id":"call_1","name":"get_weather","response":{"output":"sunny"}}]}}"#
            )
            return (call?.json, await connection.turn() ?? [])
        }
        #expect(
            outcome.value.0
                == [
                    "toolCall": ["functionCalls": [["name": "get_weather", "args": ["city": "Paris"], "id": "call_1"]]]
                ])
        // That nothing comes until the response, however long, is ReplyPlayerTests' to check, on a manual clock.
        let reply = outcome.value.1.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply == "It is sunny in Paris.")
    }

    @Test func aPendingToolCallIsAskedAgainAfterResumingAndTheReplyGoesOn() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try Self.script(
            #"{"rules":[{"match":{"text":"weather"},"reply":[{"say":"Let me look."},{"toolCall":{"name":"get_weather","args":{"city":"Paris"},"id":"call_7"}},{"say":"It is {{response}} in Paris."}]}]}"#
        )
        let server = try await EmulatorHarness.start(configuration)
        // First connection: the call arrives, and the client goes away without answering it.
        let first = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup("\(Self.textSetup),\"sessionResumption\":{}"))
            var frames =
                await connection.collect(until: {
                    $0.message?.kind.map { "\($0)" }?.contains("sessionResumptionUpdate") == true
                }) ?? []
            try await connection.send(LiveClient.textTurn("what is the weather"))
            frames += await connection.collect(until: { $0.message?.toolCall != nil }) ?? []
            return frames
        }
        let handles = first.value.compactMap { frame -> String? in
            guard case .sessionResumptionUpdate(let update)? = frame.message?.kind, update.resumable == true
            else { return nil }
            return update.newHandle
        }
        let handle = try #require(handles.last)
        #expect(first.value.contains { $0.message?.toolCall?.functionCalls.first?.id == "call_7" })
        // Second connection, resumed: the same call is asked for again; its answer finishes the same reply.
        let second = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup("\(Self.textSetup),\"sessionResumption\":{\"handle\":\"\(handle)\"}"))
            let frames = await connection.collect(until: { $0.message?.toolCall != nil }) ?? []
            try await connection.send(
                #"{"toolResponse":{"functionResponses":[{"id":"call_7","name":"get_weather","response":{"output":"sunny"}}]}}"#
            )
            return (frames, await connection.turn() ?? [])
        }
        #expect(second.value.0.first?.message?.kind.map { "\($0)" }?.hasPrefix("setupComplete") == true)
        #expect(second.value.0.last?.message?.toolCall?.functionCalls.first?.id == "call_7")
        let reply = second.value.1.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        // The same turn said "Let me look." before the call, so its words go on after a space.
        #expect(reply == " It is sunny in Paris.")
    }

    @Test func scriptedInterruptAndFault() async throws {
        var configuration = EmulatorConfiguration()
        configuration.script = try Self.script(
            #"{"rules":[{"match":{"turn":1},"reply":[{"say":"cut short"},{"interrupt":true}]},{"match":{"kind":"text"},"reply":[{"fault":"fail"}]}]}"#
        )
        let server = try await EmulatorHarness.start(configuration)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(Self.textSetup))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("first"))
            let first = await connection.turn() ?? []
            try await connection.send(#"{"realtimeInput":{"text":"second"}}"#)
            return (first, await connection.next(timeout: 5))
        }
        let contents = outcome.value.0.compactMap { $0.message?.serverContent }
        #expect(contents.contains { $0.interrupted == true })
        #expect(!contents.contains { $0.generationComplete == true })
        #expect(outcome.value.1 == nil)
        #expect(outcome.closeCode == 1011)
        #expect(outcome.closeReason == "Internal error occurred.")
    }

    @Test func sampleScriptsParse() throws {
        for name in ["weather.json", "faults.json"] {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../samples/emulator/\(name)")
            let script = try EmulatorScript(json: Array(try Data(contentsOf: path)))
            #expect(!script.rules.isEmpty)
        }
    }

    @Test func yamlScriptsMeanTheSameAsTheirJSONForm() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/emulator")
        let json = try EmulatorScript(
            contentsOf: Array(try Data(contentsOf: folder.appendingPathComponent("weather.json"))), path: "weather.json"
        )
        let yaml = try EmulatorScript(
            contentsOf: Array(try Data(contentsOf: folder.appendingPathComponent("weather.yaml"))), path: "weather.yaml"
        )
        #expect(yaml == json)
        #expect(throws: EmulatorScript.Invalid.self) { try EmulatorScript(yaml: "rules: [{reply: [{sing: x}]}]") }
        #expect(throws: EmulatorScript.Invalid.self) { try EmulatorScript(yaml: "rules: [unclosed") }
    }

    @Test func badScriptsAreReportedWithTheirPlace() {
        #expect(throws: EmulatorScript.Invalid.self) { try Self.script(#"{"rules":[{"reply":[{"sing":"x"}]}]}"#) }
        do {
            _ = try Self.script(#"{"rules":[{"match":{"text":"("},"reply":[]}]}"#)
            Issue.record("accepted a bad regex")
        } catch {
            #expect("\(error)".hasPrefix("rules[0].match.text"))
        }
    }

    @Test func binaryPrintsItsURLServesAndExitsZeroOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ToolRunner.tool("gemini-live-emulator"))
        process.arguments = ["--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let reader = output.fileHandleForReading
        let line = await BlockingThread.run {
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            return line
        }
        let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("ws://127.0.0.1:"))
        let endpoint = "\(url)/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent"
        let outcome = try await LiveClient.run(endpoint) { connection in
            try await connection.send(LiveClient.setup())
            return await connection.next()?.message?.kind
        }
        #expect(outcome.value == .setupComplete(SetupComplete()))
        process.terminate()
        await BlockingThread.run { process.waitUntilExit() }
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }

    @Test func modelsFlagPrintsTheCatalogue() async throws {
        let result = try await BlockingThread.run {
            try ToolRunner.run(ToolRunner.tool("gemini-live-emulator"), ["--models"])
        }
        #expect(result.status == 0)
        for model in [
            "models/gemini-3.8-live", "models/gemini-3.1-flash-live-preview",
            "models/gemini-2.5-flash-native-audio-preview-12-2025", "models/gemini-2.0-flash-live-001",
        ] {
            #expect(result.stdoutText.contains(model + "\t"))
        }
    }

    @Test func usageErrorsExit64() async throws {
        let result = try await BlockingThread.run {
            try ToolRunner.run(ToolRunner.tool("gemini-live-emulator"), ["--tls-cert", "x.pem"])
        }
        #expect(result.status == 64)
        // Seconds beyond a day are a usage error, not an overflow that crashes the emulator.
        let huge = try await BlockingThread.run {
            try ToolRunner.run(ToolRunner.tool("gemini-live-emulator"), ["--stall", "1e300"])
        }
        #expect(huge.status == 64)
        #expect(huge.stderrText.contains("--stall must be 0 to 86400 seconds"), "\(huge.stderrText)")
        let missing = try await BlockingThread.run {
            try ToolRunner.run(ToolRunner.tool("gemini-live-emulator"), ["--script", "/no/such/file"])
        }
        #expect(missing.status == 66)
    }
}
