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
    mutating func append(
        _ bytes: UnsafeRawBufferPointer,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        var offset = 0
        if !pending.isEmpty {
            let take = min(chunkBytes - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
            offset = take
            guard pending.count == chunkBytes else { return }
            try pending.withUnsafeBytes { try emit($0) }
            pending.removeAll(keepingCapacity: true)
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
    mutating func appendSilence(byteCount: Int, emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let zeros = [UInt8](repeating: 0, count: min(byteCount, 1 << 16))
        var remaining = byteCount
        while remaining > 0 {
            let n = min(remaining, zeros.count)
            try zeros.withUnsafeBytes { try append(UnsafeRawBufferPointer(rebasing: $0[0..<n]), emit: emit) }
            remaining -= n
        }
    }

    /// Emits what is left as a final, shorter chunk.
    mutating func finish(emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try emit($0) }
        pending.removeAll(keepingCapacity: true)
    }
}
