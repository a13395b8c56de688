/// Cuts a stream of PCM bytes into messages of exactly `chunkBytes`, the last one shorter.
///
/// The converter hands over blocks of any size; the service expects steady chunks, and
/// tests and users count on `ceil(samples / samplesPerChunk)` messages of exact size.
struct AudioChunker {
    let chunkBytes: Int
    private var pending: [UInt8] = []

    init(chunkBytes: Int) {
        precondition(chunkBytes > 0 && chunkBytes % 2 == 0, "chunks hold whole 16-bit samples")
        self.chunkBytes = chunkBytes
        pending.reserveCapacity(chunkBytes)
    }

    /// Feeds bytes and calls `emit` once per complete chunk.
    mutating func append<Failure: Error>(
        _ bytes: UnsafeRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        var offset = 0
        if !pending.isEmpty {
            let take = min(chunkBytes - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
            offset = take
            guard pending.count == chunkBytes else { return }
            try emitPending(emit)
        }
        // Whole chunks straight from the caller's block, without copying.
        while bytes.count - offset >= chunkBytes {
            try emit(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + chunkBytes]))
            offset += chunkBytes
        }
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Feeds `byteCount` bytes of digital silence.
    mutating func appendSilence<Failure: Error>(
        byteCount: Int,
        emit: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        guard byteCount > 0 else { return }
        let block = min(byteCount, 1 << 16)
        let zeros = UnsafeMutableRawPointer.allocate(byteCount: block, alignment: 2)
        defer { zeros.deallocate() }
        zeros.initializeMemory(as: UInt8.self, repeating: 0, count: block)
        var remaining = byteCount
        while remaining > 0 {
            let n = min(remaining, block)
            try append(UnsafeRawBufferPointer(start: zeros, count: n), emit: emit)
            remaining -= n
        }
    }

    /// Emits what is left as a final, shorter chunk.
    mutating func finish<Failure: Error>(emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        guard !pending.isEmpty else { return }
        try emitPending(emit)
    }

    /// Emits `pending` and empties it. Copies first: `withUnsafeBytes` cannot carry a typed error.
    private mutating func emitPending<Failure: Error>(
        _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        let count = pending.count
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 2)
        defer { pointer.deallocate() }
        pending.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: count) }
        pending.removeAll(keepingCapacity: true)
        try emit(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
