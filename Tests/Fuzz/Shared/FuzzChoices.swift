/// Choices a fuzz target makes (chunk sizes, limits) drawn from its input, so one input always replays the same way.
///
/// Shared by the fuzz targets that list it in their `sources` file; compiled into each target's module.
struct FuzzChoices {
    private var state: UInt64

    /// Seeds from every byte of `input` (FNV-1a), so a saved crashing input reproduces its chunking.
    init(_ input: UnsafeRawBufferPointer) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in input {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        state = hash
    }

    /// The next 64 random bits (SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next() % UInt64(bound))
    }

    /// Cuts `0..<count` into consecutive pieces: all of one scale (1 byte, a few bytes, up to 64 KiB) or mixed,
    /// with an occasional empty piece.
    mutating func chunks(covering count: Int) -> [Range<Int>] {
        let scales = [1, 2, 3, 7, 16, 64, 256, 4096, 65536]
        let fixedScale = below(3) == 0 ? nil : scales[below(scales.count)]
        var pieces: [Range<Int>] = []
        var start = 0
        while start < count {
            let scale = fixedScale ?? scales[below(scales.count)]
            let length = below(16) == 0 ? 0 : 1 + below(scale)
            let end = min(count, start + length)
            pieces.append(start..<end)
            start = end
        }
        return pieces
    }
}

/// Stops the fuzzer with a message: libFuzzer saves the input that got here as a crash.
func violated(_ property: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError("fuzz property violated: \(property)", file: file, line: line)
}
