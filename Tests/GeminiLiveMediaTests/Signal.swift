import Foundation
import GeminiLiveMedia

/// Measurements on test signals.
enum Signal {
    /// Root mean square of `samples`.
    static func rms(_ samples: some Collection<Float>) -> Double {
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(max(samples.count, 1))).squareRoot()
    }

    /// Amplitude of the `frequency` component (a single DFT bin, Goertzel), for a sine of amplitude A about A.
    static func amplitude(of frequency: Double, in samples: [Float], rate: Int) -> Double {
        let omega = 2 * Double.pi * frequency / Double(rate)
        let coefficient = 2 * cos(omega)
        var (previous, beforePrevious) = (0.0, 0.0)
        // A Hann window keeps a strong tone's leakage from masking a weak one nearby.
        let count = samples.count
        for (index, sample) in samples.enumerated() {
            let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(count - 1))
            let value = Double(sample) * window + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = value
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return power.squareRoot() * 2 / (Double(count) * 0.5)
    }

    /// Frequency estimated from upward zero crossings.
    static func zeroCrossingFrequency(_ samples: [Float], rate: Int) -> Double {
        var crossings: [Double] = []
        for index in 1..<samples.count where samples[index - 1] < 0 && samples[index] >= 0 {
            let fraction = Double(-samples[index - 1]) / Double(samples[index] - samples[index - 1])
            crossings.append(Double(index - 1) + fraction)
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(rate) / (last - first)
    }

    /// Decodes s16le bytes into floats in -1...1.
    static func floats(fromS16LE bytes: [UInt8]) -> [Float] {
        stride(from: 0, to: bytes.count - 1, by: 2).map {
            Float(Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)) / 32768
        }
    }

    /// Converts `source` and returns the s16le output bytes.
    static func convert(_ source: any AudioSource, rate: Int = 16000) throws -> (bytes: [UInt8], frames: Int) {
        let converter = SpeechAudioConverter(source: source, outputRate: rate)
        var bytes: [UInt8] = []
        try converter.run { bytes.append(contentsOf: $0) }
        return (bytes, converter.outputFrameCount)
    }

    /// Reads a source to the end as interleaved floats.
    static func readAll(_ source: any AudioSource) throws -> [Float] {
        var all: [Float] = []
        var buffer = [Float](repeating: 0, count: 4096 * source.format.channels)
        while true {
            let frames = try buffer.withUnsafeMutableBufferPointer { (b) throws(MediaError) in try source.read(into: b)
            }
            if frames == 0 { return all }
            all.append(contentsOf: buffer[..<(frames * source.format.channels)])
        }
    }
}

/// An in-memory source for tests, optionally announcing its length (which enables the parallel path).
final class ArraySource: AudioSource {
    let name = "memory"
    let format: AudioStreamFormat
    let expectedFrames: Int?
    private let samples: [Float]
    private var position = 0

    init(_ samples: [Float], rate: Int, channels: Int = 1, announceLength: Bool = true) {
        self.samples = samples
        format = AudioStreamFormat(sampleRate: rate, channels: channels)
        expectedFrames = announceLength ? samples.count / channels : nil
    }

    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        let count = min(buffer.count / format.channels * format.channels, samples.count - position)
        for index in 0..<count { buffer[index] = samples[position + index] }
        position += count
        return count / format.channels
    }
}
