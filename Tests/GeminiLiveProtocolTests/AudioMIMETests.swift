import GeminiLiveProtocol
import Testing

@Suite("audio MIME rates")
struct AudioMIMETests {
    @Test(
        "PCM rates: the parameter when usable, the default when absent, nil otherwise",
        arguments: [
            ("audio/pcm;rate=24000", 24_000), ("audio/pcm", 24_000), ("AUDIO/PCM; Rate = 16000", 16_000),
            ("audio/pcm;codec=x;rate=8000", 8_000), ("audio/pcm;rate=999", nil), ("audio/pcm;rate=400000", nil),
            ("audio/pcm;rate=fast", nil), ("audio/wav;rate=24000", nil), ("image/jpeg", nil), ("", nil),
        ] as [(String, Int?)])
    func pcmRate(mimeType: String, expected: Int?) {
        #expect(AudioMIME.pcmRate(mimeType, absent: 24_000) == expected)
    }

    @Test("the rate parameter of any type")
    func anyType() {
        #expect(AudioMIME.rate(of: "audio/pcm;rate=16000") == 16_000)
        #expect(AudioMIME.rate(of: "audio/x;rate= 44100 ") == 44_100)
        #expect(AudioMIME.rate(of: "audio/pcm") == nil)
        #expect(AudioMIME.rate(of: "audio/pcm;rate=") == nil)
    }
}
