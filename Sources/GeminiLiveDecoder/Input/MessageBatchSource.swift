#if canImport(Glibc)
    import Glibc
#endif
import GeminiLiveProtocol
import GeminiLiveSystem

/// Reads messages from a descriptor in large blocks and hands them out in batches, in any layout.
///
/// Batches are what the parallel decoder hands to its workers. `JSONValueSplitter` cuts the values, so
/// compact NDJSON, pretty-printed messages and both mixed decode alike; values keep the line and column
/// they start at for diagnostics, and bytes that are no value arrive as problems in their place.
struct MessageBatchSource {
    /// Whole values (and problems where values should have been) and where each one sits in `bytes`.
    struct Batch: Sendable {
        var bytes: [UInt8]
        var items: [JSONValueSplitter.Piece]
    }

    let fileDescriptor: Int32
    let sourceName: String
    /// Bytes read but not yet handed out (the start of an unfinished value or line).
    private(set) var carry: [UInt8] = []
    private var splitter = JSONValueSplitter()
    /// Whether `carry` holds bytes the splitter has not seen.
    private var unsplit = false
    private(set) var reachedEnd = false
    private let blockSize: Int

    init(fileDescriptor: Int32, sourceName: String, blockSize: Int = 256 << 10) {
        self.fileDescriptor = fileDescriptor
        self.sourceName = sourceName
        self.blockSize = blockSize
    }

    /// Whether input is waiting, so a read now would not block (a pipe with nothing written yet would).
    var canReadWithoutBlocking: Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// The next batch; blocks until at least one value or problem (or the end) arrives; nil at the end.
    mutating func nextBatch() throws(ToolError) -> Batch? {
        while true {
            if unsplit || reachedEnd {
                unsplit = false
                let final = reachedEnd
                var items: [JSONValueSplitter.Piece] = []
                let consumed = carry.withUnsafeBytes { raw in splitter.split(raw, final: final) { items.append($0) } }
                if !items.isEmpty {
                    var bytes = carry
                    carry = Array(bytes[consumed...])
                    bytes.removeSubrange(consumed...)
                    return Batch(bytes: bytes, items: items)
                }
                if consumed > 0 { carry.removeFirst(consumed) }
                if final { return nil }
            }
            try readBlock()
        }
    }

    /// Reads onto `carry` until a newline arrives, the input ends or the room is full, straight into a new array
    /// (no zero-filling, no copy beyond the unfinished value carried over).
    ///
    /// The room grows with what is carried, so a value much longer than a block is copied a bounded number of
    /// times rather than once per read. From a pipe this returns whatever holds a newline, as a single read did.
    private mutating func readBlock() throws(ToolError) {
        let previous = carry
        let old = previous.count
        let capacity = old + max(blockSize, old)
        let descriptor = fileDescriptor
        var ended = false
        var failure: Int32 = 0
        carry = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            previous.withUnsafeBytes { if let start = $0.baseAddress { base.copyMemory(from: start, byteCount: old) } }
            var filled = old
            while filled < capacity {
                let count = read(descriptor, base + filled, capacity - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if count == 0 {
                    ended = true
                    break
                }
                filled += count
                if memchr(base + filled - count, 0x0A, count) != nil { break }
            }
            initialized = filled
        }
        if failure != 0 {
            throw ToolError(
                category: .io, description: "\(sourceName): read failed: \(String(cString: strerror(failure)))")
        }
        if ended { reachedEnd = true }
        unsplit = true
    }
}
