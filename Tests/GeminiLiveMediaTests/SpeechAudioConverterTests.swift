import Foundation
import Testing

@testable import GeminiLiveMedia

struct SpeechAudioConverterTests {
    static func sine(_ frequency: Double, rate: Int, seconds: Double, amplitude: Double = 0.5, channels: Int = 1)
        -> [Float]
    {
        let frames = Int(Double(rate) * seconds)
        var samples = [Float](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            let value = Float(amplitude * sin(2 * Double.pi * frequency * Double(frame) / Double(rate)))
            for channel in 0..<channels { samples[frame * channels + channel] = value }
        }
        return samples
    }

    /// The middle half, away from the filter's start and end transients.
    static func middle(_ samples: [Float]) -> [Float] { Array(samples[(samples.count / 4)..<(samples.count * 3 / 4)]) }

    @Test(arguments: [(44100, 2), (48000, 1), (8000, 1), (16000, 1)])
    func keepsFrequencyAndLevel(rate: Int, channels: Int) throws {
        let input = Self.sine(1000, rate: rate, seconds: 1, channels: channels)
        let (bytes, frames) = try Signal.convert(ArraySource(input, rate: rate, channels: channels))
        #expect(frames == 16000)
        let output = Self.middle(Signal.floats(fromS16LE: bytes))
        #expect(abs(Signal.zeroCrossingFrequency(output, rate: 16000) - 1000) < 0.5)
        let inputRMS = Signal.rms(Self.middle(input))
        let levelChange = 20 * log10(Signal.rms(output) / inputRMS)
        #expect(abs(levelChange) < 0.1, "level changed by \(levelChange) dB")
    }

    @Test func sevenKilohertzPassesAndEightAndAHalfIsSuppressed() throws {
        let passing = Self.middle(
            Signal.floats(
                fromS16LE: try Signal.convert(
                    ArraySource(Self.sine(7000, rate: 44100, seconds: 1), rate: 44100)
                ).bytes))
        let passed = 20 * log10(Signal.amplitude(of: 7000, in: passing, rate: 16000) / 0.5)
        #expect(abs(passed) < 0.1, "7 kHz changed by \(passed) dB")

        // 8.5 kHz would fold to 7.5 kHz if the anti-alias filter let it through.
        let folded = Self.middle(
            Signal.floats(
                fromS16LE: try Signal.convert(
                    ArraySource(Self.sine(8500, rate: 44100, seconds: 1, amplitude: 0.9), rate: 44100)
                ).bytes))
        let alias = 20 * log10(Signal.amplitude(of: 7500, in: folded, rate: 16000) / 0.9)
        #expect(alias < -80, "alias at \(alias) dB")
    }

    @Test func overshootClipsInsteadOfWrapping() throws {
        // A full-scale square wave rings past full scale when band-limited; it must saturate.
        let rate = 44100
        let square = (0..<rate).map { Float(($0 / 441) % 2 == 0 ? 0.999 : -0.999) }
        let output = Signal.floats(fromS16LE: try Signal.convert(ArraySource(square, rate: rate)).bytes)
        #expect(output.contains(32767 / 32768))
        for index in 1..<(output.count - 1) {
            let wrapped =
                (output[index - 1] > 0.6 && output[index] < -0.6 && output[index + 1] > 0.6)
                || (output[index - 1] < -0.6 && output[index] > 0.6 && output[index + 1] < -0.6)
            #expect(!wrapped, "sample \(index) wrapped")
            if wrapped { break }
        }
        var pcm = [Int16](repeating: 0, count: 6)
        let values: [Float] = [1.5, -1.5, .nan, 0.5 / 32768, 1.5 / 32768, -0.4 / 32768]
        values.withUnsafeBufferPointer { SampleConversion.quantise($0, into: &pcm) }
        #expect(pcm == [32767, -32768, -32768, 0, 2, 0])
    }

    /// soxr's rule, asserted here: N input frames give round(N × out / in) output frames, halves rounded up.
    @Test(arguments: [44100, 48000, 8000, 22050, 32000, 11025])
    func outputCountIsExact(rate: Int) throws {
        for frames in [1, 2, 441, 1000, 4095, 4097, 12345, 44101] {
            let source = ArraySource([Float](repeating: 0.1, count: frames), rate: rate, announceLength: false)
            let (_, produced) = try Signal.convert(source)
            #expect(produced == (frames * 16000 + rate / 2) / rate, "\(frames) frames at \(rate) Hz")
        }
    }

    @Test(arguments: [(44100, 2), (48000, 1), (22050, 1)])
    func blockParallelEqualsSingleStream(rate: Int, channels: Int) throws {
        // Long enough for the parallel path (several blocks) and not a multiple of the block length.
        let frames = rate * 40 + 1234
        var generator = SystemRandomNumberGenerator()
        var samples = [Float](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            let time = Double(frame) / Double(rate)
            let tone = 0.3 * sin(2 * Double.pi * 440 * time) + 0.2 * sin(2 * Double.pi * 3100 * time)
            for channel in 0..<channels {
                samples[frame * channels + channel] = Float(tone) + Float.random(in: -0.1...0.1, using: &generator)
            }
        }
        let plan = try #require(BlockParallelResampler.Plan(inputRate: rate, outputRate: 16000))
        #expect(frames >= plan.blockLength * 3)
        let parallel = try Signal.convert(ArraySource(samples, rate: rate, channels: channels))

        // The reference: one soxr stream over the whole downmixed signal.
        var mono = [Float](repeating: 0, count: frames)
        for frame in 0..<frames {
            mono[frame] = (0..<channels).reduce(Float(0)) { $0 + samples[frame * channels + $1] } / Float(channels)
        }
        let resampler = try Resampler(inputRate: rate, outputRate: 16000)
        let reference = try resampler.process(mono) + resampler.flush()
        var expected = [Int16](repeating: 0, count: reference.count)
        reference.withUnsafeBufferPointer { SampleConversion.quantise($0, into: &expected) }

        let actual = Signal.floats(fromS16LE: parallel.bytes).map { Int16($0 * 32768) }
        #expect(actual.count == expected.count)
        #expect(actual.count == (frames * 16000 + rate / 2) / rate)
        let worst = zip(actual, expected).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 1, "largest difference \(worst) LSB")
    }

    @Test func sourceErrorComesAfterTheAudioBeforeIt() throws {
        let fixtures = try MediaFixtures()
        try fixtures.sox("-n -r 16000 -c 1 -b 16 full.wav synth 1 sine 1000")
        try fixtures.write("cut.wav", try fixtures.read("full.wav").prefix(44 + 2 * 8000))
        let converter = SpeechAudioConverter(source: try SoundFileReader(path: fixtures.path("cut.wav")))
        var delivered = 0
        #expect(
            throws: MediaError.truncated(source: fixtures.path("cut.wav"), promisedFrames: 16000, actualFrames: 8000)
        ) {
            try converter.run { delivered += $0.count }
        }
        #expect(delivered == 16000)
    }
}
