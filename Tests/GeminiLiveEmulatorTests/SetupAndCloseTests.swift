import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import HTTPTypes
import Testing

/// Setup gating and every close the service sends, over a real loopback WebSocket.
@Suite(.serialized)
struct SetupAndCloseTests {
    @Test func setupCompleteIsPrettyPrintedJSONInABinaryFrame() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup())
            return await connection.next()
        }
        let frame = try #require(outcome.value)
        #expect(frame.isBinary)
        // As recorded from the service: two-space indent and a closing newline, 26 bytes in all.
        #expect(frame.text == "{\n  \"setupComplete\": {}\n}\n")
        #expect(frame.bytes.count == 26)
        #expect(outcome.closeCode == nil || outcome.closeCode == 1000)
    }

    @Test(arguments: [
        ("v1", ""), ("v1beta", "?key=abc"), ("v1alpha", ""),
    ])
    func everyVersionServesTheLivePath(version: String, query: String) async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint(version, query: query)) { connection in
            try await connection.send(LiveClient.setup(), binary: true)
            return await connection.next()?.message?.kind
        }
        #expect(outcome.value == .setupComplete(SetupComplete()))
    }

    @Test func doubleSlashAndConstrainedPathsAreServed() async throws {
        let server = try await EmulatorHarness.start()
        let paths = [
            "\(server.url)//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent",
            "\(server.url)/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token=auth_tokens/x",
        ]
        for path in paths {
            let outcome = try await LiveClient.run(path) { connection in
                try await connection.send(LiveClient.setup())
                return await connection.next()?.message?.kind
            }
            #expect(outcome.value == .setupComplete(SetupComplete()), "\(path)")
        }
    }

    @Test func wrongPathsAreRefusedWith404() async throws {
        let server = try await EmulatorHarness.start()
        let port = server.url.split(separator: ":").last!
        for path in [
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService/BidiGenerateContent",
            "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContentConstrained",
            "/ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent", "/",
        ] {
            let result = try await BlockingThread.run {
                try GeminiLiveTestSupportShim.curlStatus(port: String(port), path: path)
            }
            #expect(result == "404", "\(path)")
        }
    }

    @Test(arguments: [
        (
            LiveClient.setup(model: "models/gemini-9-live"), 1008,
            "models/gemini-9-live is not found for API version v1beta, or is not supported for bidiGenerateContent. Call ListModels to s"
        ),
        (
            LiveClient.setup(model: "models/gemini-3.8-live", #""generationConfig":{"responseModalities":["TEXT"]}"#),
            1007,
            "Cannot extract voices from a non-audio request."
        ),
        (
            LiveClient.setup(
                model: "models/gemini-2.5-flash-native-audio-preview-12-2025",
                #""generation_config":{"response_modalities":"text"}"#), 1007,
            "Cannot extract voices from a non-audio request."
        ),
        (
            LiveClient.setup(
                model: "models/gemini-3.1-flash-live-preview", #""generationConfig":{"responseModalities":["TEXT"]}"#),
            1011,
            "Internal error encountered."
        ),
        (
            LiveClient.setup(#""generationConfig":{"temprature":1}"#), 1007,
            #"Invalid JSON payload received. Unknown name "temprature" at 'setup.generation_config': Cannot find field."#
        ),
        (#"{"setup":{"model":"#, 1007, "Invalid JSON payload received. Unexpected token."),
        (LiveClient.textTurn("hi"), 1007, "Request contains an invalid argument."),
        (
            LiveClient.setup(#""sessionResumption":{"handle":"no-such-handle"}"#), 1008,
            "BidiGenerateContent session not found"
        ),
    ])
    func badSetupsCloseWithTheServiceCodeAndReason(setup: String, code: Int, reason: String) async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(setup)
            return await connection.next(timeout: 5)
        }
        #expect(outcome.value == nil, "no setupComplete before the close")
        #expect(outcome.closeCode == code)
        #expect(outcome.closeReason == reason)
        #expect((outcome.closeReason?.utf8.count ?? 0) <= 123)
    }

    @Test(arguments: [
        (LiveClient.setup(), 1007, "Request contains an invalid argument."),
        (
            #"{"realtimeInput":{"text":"x"},"extra":1}"#, 1007,
            #"Invalid JSON payload received. Unknown name "extra": Cannot find field."#
        ),
        (
            #"{"realtime_input":{"media_chunks":[{"mime_type":"audio/pcm;rate=16000","data":"AAA="}]}}"#, 1007,
            "realtime_input.media_chunks is deprecated. Use audio, video, or text instead."
        ),
        ("not json", 1007, "Invalid JSON payload received. Unexpected token."),
    ])
    func badMessagesAfterSetupClose(message: String, code: Int, reason: String) async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(model: "models/gemini-3.8-live"))
            _ = await connection.next()
            try await connection.send(message)
            return await connection.next(timeout: 5)
        }
        #expect(outcome.value == nil)
        #expect(outcome.closeCode == code)
        #expect(outcome.closeReason == reason)
    }

    @Test func mediaChunksAreAcceptedOnA25Model() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(model: "models/gemini-2.5-flash-native-audio-preview-12-2025"))
            _ = await connection.next()
            let silence = Base64.encodedString([UInt8](repeating: 0, count: 3200))
            try await connection.send(
                #"{"realtime_input":{"media_chunks":[{"mime_type":"audio/pcm;rate=16000","data":"\#(silence)"}]}}"#)
            return await connection.next(timeout: 1)
        }
        #expect(outcome.value == nil)
        #expect(outcome.closeCode == 1000 || outcome.closeCode == nil)
    }

    @Test func apiKeyIsCheckedInEveryPlace() async throws {
        var configuration = EmulatorConfiguration()
        configuration.apiKey = "secret"
        let server = try await EmulatorHarness.start(configuration)
        let accepted: [(String, HTTPFields)] = [
            ("?key=secret", [:]), ("?access_token=secret", [:]),
            ("", [HTTPField.Name("x-goog-api-key")!: "secret"]), ("", [.authorization: "Token secret"]),
        ]
        for (query, headers) in accepted {
            let outcome = try await LiveClient.run(server.endpoint(query: query), headers: headers) { connection in
                try await connection.send(LiveClient.setup())
                return await connection.next()?.message?.kind
            }
            #expect(outcome.value == .setupComplete(SetupComplete()), "\(query) \(headers)")
        }
        let wrong = await RefusalProbe.close(of: server.endpoint(query: "?key=nope"))
        #expect(wrong?.code == 1007)
        #expect(wrong?.reason == "API key not valid. Please pass a valid API key.")
        let missing = await RefusalProbe.close(of: server.endpoint())
        #expect(missing?.code == 1008)
        #expect(missing?.reason.hasPrefix("Method doesn't allow unregistered callers") == true)
    }
}

/// Asks curl for the HTTP status of a WebSocket upgrade request.
enum GeminiLiveTestSupportShim {
    static func curlStatus(port: String, path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = [
            "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-H", "Connection: Upgrade", "-H",
            "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13", "-H",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "http://127.0.0.1:\(port)\(path)",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
