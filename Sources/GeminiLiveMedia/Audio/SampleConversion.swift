/// The per-sample arithmetic of speech conversion: downmixing and float-to-int16 quantisation.
///
/// `package` so the emulator quantises its speech with the same rule as the encoder instead of a copy.
package enum SampleConversion {
    /// Averages the channels of `frames` interleaved frames into `mono`.
    static func downmix(
        _ interleaved: UnsafePointer<Float>, channels: Int, frames: Int, into mono: UnsafeMutablePointer<Float>
    ) {
        switch channels {
        case 1:
            mono.update(from: interleaved, count: frames)
        case 2:
            // The common case gets its own loop so it vectorises.
            for index in 0..<frames { mono[index] = (interleaved[2 * index] + interleaved[2 * index + 1]) * 0.5 }
        default:
            let scale = 1 / Float(channels)
            for index in 0..<frames {
                var sum: Float = 0
                for channel in 0..<channels { sum += interleaved[index * channels + channel] }
                mono[index] = sum * scale
            }
        }
    }

    /// Converts `frames` frames of interleaved native-endian int16 to float mono (channels averaged).
    ///
    /// Gives exactly what converting each sample with `× 1/32768` and then `downmix` gives: a sum of two int16
    /// values is exact in a float, so stereo adds in integers first, which vectorises.
    static func downmix16(
        _ interleaved: UnsafeRawPointer, channels: Int, frames: Int, into mono: UnsafeMutablePointer<Float>
    ) {
        func sample(_ index: Int) -> Int32 {
            Int32(interleaved.loadUnaligned(fromByteOffset: 2 * index, as: Int16.self))
        }
        switch channels {
        case 1:
            for index in 0..<frames { mono[index] = Float(sample(index)) * (1 / 32768) }
        case 2:
            for index in 0..<frames { mono[index] = Float(sample(2 * index) &+ sample(2 * index &+ 1)) * (1 / 65536) }
        default:
            let scale = 1 / Float(channels)
            for index in 0..<frames {
                var sum: Float = 0
                for channel in 0..<channels { sum += Float(sample(index * channels + channel)) * (1 / 32768) }
                mono[index] = sum * scale
            }
        }
    }

    /// Scales by 32768, rounds to nearest (ties to even) and clips to the int16 range: overshoot saturates, never wraps.
    ///
    /// Written without `rounded()` or a checked `Int32(_:)` so it vectorises: x86-64's baseline has no SSE4.1
    /// `roundps`, and the call to `rintf` cost as much as reading the file. Adding 1.5 × 2^23 leaves the rounded
    /// integer in the low mantissa bits. NaN fails both comparisons and ends up as -32768.
    package static func quantise(_ samples: UnsafeBufferPointer<Float>, into output: UnsafeMutablePointer<Int16>) {
        let magic: Float = 12_582_912
        for index in 0..<samples.count {
            let scaled = samples[index] * 32768
            let low = scaled > -32768 ? scaled : -32768
            let clipped = low < 32767 ? low : 32767
            let integer = Int32(bitPattern: (clipped + magic).bitPattern) &- 0x4B40_0000
            output[index] = Int16(truncatingIfNeeded: integer).littleEndian
        }
    }

    /// `samples` quantised as by `quantise(_:into:)`, as native-endian values.
    package static func quantised(_ samples: [Float]) -> [Int16] {
        [Int16](unsafeUninitializedCapacity: samples.count) { output, count in
            samples.withUnsafeBufferPointer { quantise($0, into: output.baseAddress!) }
            for index in 0..<samples.count { output[index] = Int16(littleEndian: output[index]) }
            count = samples.count
        }
    }
}
