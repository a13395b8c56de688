import Testing

@testable import GeminiLiveProtocol

struct RealtimeBlobLineTests {
    @Test(arguments: [0, 1, 2, 3, 100, 3200])
    func fastPathMatchesMessageEncoding(length: Int) {
        var generator = SeededGenerator(seed: UInt64(length))
        let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let cases: [(RealtimeBlobLine.Kind, String, RealtimeInput)] = [
            (.audio, "audio/pcm;rate=16000", RealtimeInput(audio: Blob(mimeType: "audio/pcm;rate=16000", data: data))),
            (.video, "image/jpeg", RealtimeInput(video: Blob(mimeType: "image/jpeg", data: data))),
            (.mediaChunks, "audio/\"odd\"", RealtimeInput(mediaChunks: [Blob(mimeType: "audio/\"odd\"", data: data)])),
        ]
        for (kind, mimeType, input) in cases {
            var fast: [UInt8] = [0x41]
            RealtimeBlobLine.append(kind: kind, mimeType: mimeType, data: data, to: &fast)
            #expect(fast == [0x41] + ClientMessage(.realtimeInput(input)).line)
        }
    }

    @Test func audioLineShape() {
        var line: [UInt8] = []
        RealtimeBlobLine.append(kind: .audio, mimeType: "audio/pcm;rate=16000", data: [0, 0, 0], to: &line)
        #expect(
            String(decoding: line, as: UTF8.self)
                == "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"AAAA\"}}}\n")
    }
}
