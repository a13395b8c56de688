import Testing

@testable import GeminiLiveProtocol

/// Mutated, truncated and bit-flipped messages must only ever decode or throw, never crash.
struct FuzzTests {
    static let seeds: [String] = [
        #"{"setup":{"model":"models/x","generation_config":{"responseModalities":"audio","speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Puck"}}}},"realtimeInputConfig":{"automaticActivityDetection":{"disabled":true,"prefixPaddingMs":20}},"contextWindowCompression":{"triggerTokens":"100","slidingWindow":{}}}}"#,
        #"{"client_content":{"turns":[{"role":"user","parts":[{"text":"h\u00e9llo \ud83d\ude00"}]}],"turnComplete":true}}"#,
        #"{"realtime_input":{"media_chunks":[{"mime_type":"audio/pcm","data":"AAEC_-8="}]}}"#,
        #"{"toolResponse":{"functionResponses":[{"id":"a","response":{"output":[1,2.5e3,-0.1,null,true]}}]}}"#,
        "{\n  \"serverContent\": {\n    \"modelTurn\": {\n      \"parts\": [{\"inlineData\": {\"mimeType\": \"audio/pcm;rate=24000\", \"data\": \"AAAA//8=\"}}]\n    },\n    \"turnComplete\": true\n  },\n  \"usageMetadata\": {\"totalTokenCount\": 5}\n}",
        #"{"toolCall":{"functionCalls":[{"id":"c","name":"f","args":{"a":{"b":[{"c":"d"}]}}}]},"goAway":{"timeLeft":"1s"}}"#,
    ]

    @Test func mutatedMessagesNeverCrash() {
        var generator = SeededGenerator(seed: 0x5EED)
        var outcomes = (parsed: 0, rejected: 0)
        let interesting: [UInt8] =
            Array("{}[]\",:\\0123456789-+.eEtrufalsn \n\u{7f}".utf8) + [0x80, 0xC3, 0xED, 0xFF, 0]
        for iteration in 0..<6000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                guard !bytes.isEmpty else { break }
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
                case 1: bytes.removeSubrange(position...)
                case 2: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
                case 3: bytes.remove(at: position)
                default: bytes[position] = interesting.randomElement(using: &generator)!
                }
            }
            do {
                let value = try JSONParser.parse(bytes)
                outcomes.parsed += 1
                // Whatever parses must serialise and parse back to the same value.
                #expect(try JSONParser.parse(value.compactBytes) == value)
                _ = try? ClientMessage(json: value)
                _ = try? ServerMessage(json: value)
            } catch {
                outcomes.rejected += 1
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
            var reader = JSONStreamReader(bytes: bytes + [0x0A] + bytes)
            var guardCount = 0
            while guardCount < 1000 {
                guardCount += 1
                do {
                    guard try reader.next() != nil else { break }
                } catch {}
            }
            #expect(guardCount < 1000)
        }
        #expect(outcomes.parsed > 100 && outcomes.rejected > 100)
    }

    @Test func randomBase64NeverCrashes() {
        var generator = SeededGenerator(seed: 64)
        let alphabet = Array("ABCxyz019+/-_=!. ".utf8)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0..<24, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            do {
                let bytes = try Base64.decode(text)
                #expect(bytes.count <= text.count)
            } catch {
                #expect(error.offset >= 0 && error.offset <= text.count)
            }
        }
    }
}
