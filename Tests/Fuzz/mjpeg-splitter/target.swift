/// MJPEGSplitter on arbitrary bytes: it never crashes; fed in chunkings drawn from the input (1 byte to 64 KiB,
/// some empty, frames taken now or later) it finds the same frames, skips the same bytes and ends the same way
/// as fed whole; every frame runs from FF D8 to FF D9 within the size cap; and every input byte ends up in a
/// frame or counted as skipped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var choices = FuzzChoices(input)
    // Mostly a cap the input cannot reach; sometimes one it does, so oversized frames are abandoned.
    let caps = [MJPEGSplitter.defaultMaximumFrameBytes, 1 << 16, 4096, 700, 64, 4]
    let cap = caps[choices.below(caps.count)]
    let whole = split(input, chunks: [0..<size], cap: cap, choices: &choices)
    for frame in whole.frames {
        guard frame.count >= 4, frame.starts(with: [0xFF, 0xD8]), frame.suffix(2).elementsEqual([0xFF, 0xD9]) else {
            violated("a frame of \(frame.count) bytes is not SOI...EOI")
        }
        if frame.count > max(cap, 4) { violated("a frame of \(frame.count) bytes over the cap \(cap)") }
    }
    if whole.frames.reduce(0, { $0 + $1.count }) + whole.skipped != size {
        violated("frames and skipped bytes do not add up to the \(size) input bytes")
    }
    for _ in 0..<3 {
        let chunked = split(input, chunks: choices.chunks(covering: size), cap: cap, choices: &choices)
        guard chunked == whole else {
            violated(
                "chunked: \(chunked.frames.count) frames, \(chunked.skipped) skipped, truncated \(chunked.truncated);"
                    + " whole: \(whole.frames.count), \(whole.skipped), \(whole.truncated)")
        }
    }
    return 0
}

struct Outcome: Equatable {
    var frames: [[UInt8]] = []
    var skipped = 0
    var found = 0
    var sawStart = false
    var truncated: Int?
}

func split(_ input: UnsafeRawBufferPointer, chunks: [Range<Int>], cap: Int, choices: inout FuzzChoices) -> Outcome {
    var splitter = MJPEGSplitter(name: "fuzz", maximumFrameBytes: cap)
    var outcome = Outcome()
    for chunk in chunks {
        if choices.below(2) == 0 {
            splitter.append(UnsafeRawBufferPointer(rebasing: input[chunk]))
        } else {
            splitter.append(contentsOf: input[chunk])
        }
        if choices.below(3) != 0 {
            while let frame = splitter.nextFrame() { outcome.frames.append(frame) }
        }
    }
    while let frame = splitter.nextFrame() { outcome.frames.append(frame) }
    do {
        try splitter.finish()
    } catch {
        guard case .truncatedFrame(let source, let bytes) = error, source == "fuzz" else {
            violated("finish threw \(error)")
        }
        outcome.truncated = bytes
    }
    if splitter.nextFrame() != nil { violated("a frame after finish") }
    outcome.skipped = splitter.skippedBytes
    outcome.found = splitter.framesFound
    outcome.sawStart = splitter.hasSeenStart
    if outcome.found != outcome.frames.count { violated("framesFound \(outcome.found) != \(outcome.frames.count)") }
    return outcome
}
