#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable window over an input: a file descriptor read with plain read(2), or bytes in memory.
///
/// Plain read(2) works on regular files, pipes, FIFOs and ttys alike (unlike NIOPipeBootstrap, which
/// refuses regular files). Unconsumed bytes are `buffer[start...]`.
struct ByteSource: Sendable {
    static let chunkSize = 64 * 1024

    let sourceName: String
    private let fileDescriptor: Int32?
    var buffer: [UInt8]
    var start = 0
    private(set) var reachedEnd: Bool
    /// Where read(2) puts each chunk: an array cannot hand out its spare capacity, and growing `buffer` with
    /// zeros first costs a loop per byte in a debug build (seconds for a 64 MiB line).
    private var chunk: [UInt8] = []

    init(fileDescriptor: Int32, sourceName: String) {
        self.fileDescriptor = fileDescriptor
        self.sourceName = sourceName
        buffer = []
        buffer.reserveCapacity(Self.chunkSize)
        reachedEnd = false
    }

    /// Reads from a file descriptor after `prefix`, bytes already taken from it (by a format sniffer, say).
    init(fileDescriptor: Int32, sourceName: String, prefix: [UInt8]) {
        self.fileDescriptor = fileDescriptor
        self.sourceName = sourceName
        buffer = prefix
        buffer.reserveCapacity(max(prefix.count, Self.chunkSize))
        reachedEnd = false
    }

    init(bytes: [UInt8], sourceName: String) {
        fileDescriptor = nil
        self.sourceName = sourceName
        buffer = bytes
        reachedEnd = true
    }

    /// Bytes available past `start`.
    var available: Int { buffer.count - start }

    /// Reads at least one more byte into the buffer; false at end of input.
    ///
    /// May move the unconsumed bytes to the front, so callers keep positions relative to `start`.
    mutating func fill() throws(StreamReadError) -> Bool {
        guard !reachedEnd, let fileDescriptor else { return false }
        // Drop consumed bytes once they are the larger part, so the memmove stays amortised O(1) per byte.
        if start > 0, start >= buffer.count - start {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: Self.chunkSize) }
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in read(fileDescriptor, raw.baseAddress!, raw.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return true
            }
            if count == 0 || errno != EINTR {
                let code = errno
                reachedEnd = true
                if count < 0 { throw StreamReadError(source: sourceName, code: code) }
                return false
            }
        }
    }

    /// The index of the first `byte` in `buffer[from..<buffer.count]`.
    func firstIndex(of byte: UInt8, from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let found = memchr(raw.baseAddress! + from, Int32(byte), buffer.count - from) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
    }
}
