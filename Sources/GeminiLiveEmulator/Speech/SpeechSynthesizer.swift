import CEspeakNG
import GeminiLiveMedia
import Synchronization

/// Speech from text with the espeak-ng C library, as 24 kHz mono PCM like the service's audio.
///
/// espeak-ng keeps global state and is not thread-safe, so every call goes through one process-wide mutex.
/// It runs in synchronous mode; its 22050 Hz output is resampled to 24 kHz with soxr.
public final class SpeechSynthesizer: Sendable {
    /// The one synthesiser of the process.
    public static let shared = SpeechSynthesizer()

    private let state = Mutex<Bool?>(nil)

    private init() {}

    /// Speaks `text` with the `en-us` voice at `wordsPerMinute`; returns 24 kHz mono samples (empty on failure).
    public func speak(_ text: String, wordsPerMinute: Int = 175) -> [Int16] {
        state.withLock { initialised -> [Int16] in
            if initialised == nil {
                let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nil, Int32(espeakINITIALIZE_DONT_EXIT))
                initialised = rate > 0
                if rate > 0 {
                    espeak_SetSynthCallback(synthCallback)
                    _ = espeak_SetVoiceByName("en-us")
                }
            }
            guard initialised == true else { return [] }
            espeak_SetParameter(espeakRATE, Int32(wordsPerMinute), 0)
            let sink = SampleSink()
            let bytes = Array(text.utf8) + [0]
            let status = bytes.withUnsafeBytes { raw in
                espeak_Synth(
                    raw.baseAddress, raw.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                    Unmanaged.passUnretained(sink).toOpaque())
            }
            guard status == EE_OK else { return [] }
            return Self.resample(sink.samples, from: 22_050, to: 24_000)
        }
    }

    static func resample(_ samples: [Int16], from inputRate: Int, to outputRate: Int) -> [Int16] {
        guard !samples.isEmpty, let resampler = try? Resampler(inputRate: inputRate, outputRate: outputRate),
            var output = try? resampler.process(samples.map { Float($0) / 32768 })
        else { return samples }
        output += (try? resampler.flush()) ?? []
        return SampleConversion.quantised(output)
    }
}

/// Collects espeak-ng's output buffers during one synchronous `espeak_Synth` call.
private final class SampleSink {
    var samples: [Int16] = []
}

/// espeak-ng's callback: appends the buffer to the sink passed as user data.
private func synthCallback(
    _ wave: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    guard let events, let userData = events.pointee.user_data else { return 0 }
    let sink = Unmanaged<SampleSink>.fromOpaque(userData).takeUnretainedValue()
    if let wave, count > 0 { sink.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count))) }
    return 0
}
