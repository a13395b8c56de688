/// Feeds bytes to a push splitter as a reader does: in chunks of `size`, the caller keeping what the splitter
/// has not consumed and handing it in again in front of the next chunk, and a last call with `final` set.
enum ChunkFeeder {
    /// Calls `split` with the kept bytes and whether the input has ended; `split` returns how many it consumed.
    static func feed(_ bytes: [UInt8], chunk size: Int, _ split: (UnsafeRawBufferPointer, Bool) -> Int) {
        var kept: [UInt8] = []
        var offset = 0
        while true {
            let final = offset >= bytes.count
            if !final {
                kept += bytes[offset..<min(offset + size, bytes.count)]
                offset += size
            }
            let consumed = kept.withUnsafeBytes { split($0, final) }
            kept.removeFirst(consumed)
            if final { return }
        }
    }
}
