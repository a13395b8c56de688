import Foundation
import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveSystem
import Testing

/// Replies over a real socket: streamed text, real speech, transcription, interruption.
@Suite(.serialized)
struct ReplyTests {
    @Test func textTurnStreamsChunksThenGenerationCompleteThenTurnCompleteWithUsage() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(#""generationConfig":{"responseModalities":["TEXT"]}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("the quick brown fox jumps over the lazy dog"))
            return await connection.turn() ?? []
        }
        let messages = outcome.value.compactMap(\.message)
        #expect(outcome.value.allSatisfy { $0.isBinary })
        let texts = messages.compactMap { $0.serverContent?.modelTurn?.parts.first?.text }
        #expect(texts.count >= 3)
        #expect(texts.joined() == "Turn 1. You said: the quick brown fox jumps over the lazy dog.")
        let complete = try #require(messages.firstIndex { $0.serverContent?.generationComplete == true })
        #expect(complete == messages.count - 2)
        let last = try #require(messages.last)
        #expect(last.serverContent?.turnComplete == true)
        let usage = try #require(last.usageMetadata)
        #expect((usage.promptTokenCount ?? 0) > 0)
        #expect((usage.responseTokenCount ?? 0) > 0)
        #expect(usage.totalTokenCount == (usage.promptTokenCount ?? 0) + (usage.responseTokenCount ?? 0))
    }

    @Test func realtimeTextAndPicturesAreDescribed() async throws {
        let server = try await EmulatorHarness.start()
        let png = try #require(Data(base64Encoded: Self.onePixelPNG))
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(#""generationConfig":{"responseModalities":["TEXT"]}"#))
            _ = await connection.next()
            let data = Base64.encodedString(Array(png))
            try await connection.send(#"{"realtimeInput":{"video":{"mimeType":"image/png","data":"\#(data)"}}}"#)
            try await connection.send(#"{"realtimeInput":{"text":"what is this"}}"#)
            return await connection.turn() ?? []
        }
        let text = outcome.value.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(text == "Turn 1. You said: what is this. I saw 1 image: PNG 1x1.")
    }

    @Test func audioReplyIsRealSpeechWithOutputTranscription() async throws {
        let server = try await EmulatorHarness.start()
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(model: "models/gemini-3.8-live", #""outputAudioTranscription":{}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("good morning"))
            return await connection.turn() ?? []
        }
        let contents = outcome.value.compactMap { $0.message?.serverContent }
        let blobs = contents.compactMap { $0.modelTurn?.parts.first?.inlineData }
        #expect(blobs.count > 5)
        #expect(blobs.allSatisfy { $0.mimeType == "audio/pcm;rate=24000" })
        let samples = AudioFixtures.pcm(blobs.flatMap(\.data))
        #expect(Double(samples.count) / 24_000 > 0.5)
        #expect(AudioFixtures.rms(samples) > 0.02)
        let transcript = contents.compactMap { $0.outputTranscription?.text }.joined()
        #expect(transcript == "Turn 1. You said: good morning.")
        let generation = try #require(contents.firstIndex { $0.generationComplete == true })
        let lastTranscript = try #require(contents.lastIndex { $0.outputTranscription != nil })
        #expect(lastTranscript < generation)
        #expect(contents.last?.turnComplete == true)
    }

    @Test func realtimeSpeechIsSegmentedTranscribedAndAnswered() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run { try AudioFixtures.speech("hello world") }
        let silence = [Int16](repeating: 0, count: speech.rate)
        let messages = AudioFixtures.realtimeMessages(silence + speech.samples + silence, rate: speech.rate)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    #""generationConfig":{"responseModalities":["TEXT"]},"inputAudioTranscription":{}"#))
            _ = await connection.next()
            for message in messages { try await connection.send(message) }
            return await connection.turn() ?? []
        }
        let contents = outcome.value.compactMap { $0.message?.serverContent }
        let heard = contents.compactMap { $0.inputTranscription?.text }.joined()
        #expect(heard.contains("hello"))
        #expect(heard.contains("world"))
        let reply = contents.compactMap { $0.modelTurn?.parts.first?.text }.joined()
        #expect(reply.hasPrefix("Turn 1. I heard "))
        #expect(reply.contains("seconds of audio: \(heard)."))
    }

    @Test func speechDuringAReplyInterruptsIt() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run { try AudioFixtures.speech("stop please") }
        let silence = [Int16](repeating: 0, count: speech.rate)
        let barge = AudioFixtures.realtimeMessages(speech.samples + silence, rate: speech.rate)
        let long = Array(repeating: "one two three four five six seven eight nine ten", count: 4).joined(separator: " ")
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(LiveClient.setup(model: "models/gemini-3.8-live"))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn(long))
            var frames: [ReceivedFrame] = []
            guard let first = await connection.next() else { return frames }
            frames.append(first)
            for message in barge { try await connection.send(message) }
            frames += await connection.turn() ?? []
            frames += await connection.turn() ?? []
            return frames
        }
        let contents = outcome.value.compactMap { $0.message?.serverContent }
        let interrupted = try #require(contents.firstIndex { $0.interrupted == true })
        #expect(contents[interrupted + 1].turnComplete == true)
        #expect(!contents[..<interrupted].contains { $0.generationComplete == true })
        let secondReply = contents[(interrupted + 2)...].compactMap { $0.modelTurn?.parts.first?.inlineData }
        #expect(!secondReply.isEmpty)
        #expect(contents.last?.turnComplete == true)
    }

    @Test func noInterruptionLetsTheReplyFinish() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run { try AudioFixtures.speech("stop please") }
        let silence = [Int16](repeating: 0, count: speech.rate)
        let barge = AudioFixtures.realtimeMessages(speech.samples + silence, rate: speech.rate)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    model: "models/gemini-3.8-live",
                    #""realtimeInputConfig":{"activityHandling":"NO_INTERRUPTION"}"#))
            _ = await connection.next()
            try await connection.send(LiveClient.textTurn("one two three four five six seven eight nine ten"))
            var frames: [ReceivedFrame] = []
            guard let first = await connection.next() else { return frames }
            frames.append(first)
            for message in barge { try await connection.send(message) }
            frames += await connection.turn() ?? []
            return frames
        }
        let contents = outcome.value.compactMap { $0.message?.serverContent }
        #expect(!contents.contains { $0.interrupted == true })
        #expect(contents.contains { $0.generationComplete == true })
    }

    @Test func activityStartAndEndDelimitTurnsWhenDetectionIsDisabled() async throws {
        let server = try await EmulatorHarness.start()
        let speech = try await BlockingThread.run { try AudioFixtures.speech("hello world") }
        let messages = AudioFixtures.realtimeMessages(speech.samples, rate: speech.rate)
        let outcome = try await LiveClient.run(server.endpoint()) { connection in
            try await connection.send(
                LiveClient.setup(
                    #""generationConfig":{"responseModalities":["TEXT"]},"realtimeInputConfig":{"automaticActivityDetection":{"disabled":true}}"#
                ))
            _ = await connection.next()
            try await connection.send(#"{"realtimeInput":{"activityStart":{}}}"#)
            for message in messages { try await connection.send(message) }
            try await connection.send(#"{"realtimeInput":{"activityEnd":{}}}"#)
            return await connection.turn() ?? []
        }
        let reply = outcome.value.compactMap { $0.message?.serverContent?.modelTurn?.parts.first?.text }.joined()
        #expect(reply.contains("I heard"))
        #expect(reply.contains("hello"))
    }

    static let onePixelPNG =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
}
