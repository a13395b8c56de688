#if canImport(Glibc)
    import Glibc
#endif

/// Reads NDJSON from a descriptor in large blocks and cuts it into batches of whole lines.
///
/// Batches are what the parallel decoder hands to its workers. Lines keep their numbers for
/// diagnostics; blank lines are dropped, a trailing `\r` and a leading UTF-8 BOM are removed, and
/// a last line without a newline still counts.
struct NDJSONBatchSource {
    /// Whole lines and where each one sits in `bytes`.
    struct Batch: Sendable {
        var bytes: [UInt8]
        var lines: [(range: Range<Int>, number: Int)]
    }

    let fileDescriptor: Int32
    let sourceName: String
    /// Bytes read but not yet handed out (the start of an unfinished line).
    private(set) var carry: [UInt8] = []
    /// `carry[..<searched]` is known to hold no newline, so a very long line is searched once, not per read.
    private var searched = 0
    private var nextLineNumber = 1
    private var atStart = true
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

    /// The next batch of whole lines; blocks until at least one line (or the end) arrives; nil at the end.
    mutating func nextBatch() throws(DecodeError) -> Batch? {
        while true {
            if let cut = lastNewline() {
                var bytes = carry
                carry = Array(bytes[(cut + 1)...])
                searched = carry.count
                bytes.removeSubrange((cut + 1)...)
                let batch = split(bytes)
                if !batch.lines.isEmpty { return batch }
                continue
            }
            if reachedEnd {
                guard !carry.isEmpty else { return nil }
                let bytes = carry
                carry = []
                searched = 0
                let batch = split(bytes)
                return batch.lines.isEmpty ? nil : batch
            }
            try readBlock()
        }
    }

    /// Reads onto `carry` until a newline arrives, the input ends or the room is full, straight into a new array
    /// (no zero-filling, no copy beyond the unfinished line carried over).
    ///
    /// The room grows with the carried line, so a line much longer than a block is copied a bounded number of
    /// times rather than once per read. From a pipe this returns whatever holds a newline, as a single read did.
    private mutating func readBlock() throws(DecodeError) {
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
                // Backwards: a newline is usually within the last line's length of the end.
                let bytes = base.assumingMemoryBound(to: UInt8.self)
                var index = filled - 1
                while index >= filled - count, bytes[index] != 0x0A { index -= 1 }
                if index >= filled - count { break }
            }
            initialized = filled
        }
        if failure != 0 {
            throw DecodeError(
                kind: .io, description: "\(sourceName): read failed: \(String(cString: strerror(failure)))")
        }
        if ended { reachedEnd = true }
        if atStart && carry.count >= 3 || reachedEnd { stripByteOrderMark() }
    }

    private mutating func stripByteOrderMark() {
        guard atStart else { return }
        atStart = false
        if carry.starts(with: [0xEF, 0xBB, 0xBF]) {
            carry.removeFirst(3)
            // The searched bytes moved with the rest; the mark itself was never a newline.
            searched = max(0, searched - 3)
        }
    }

    /// Searches backwards through the bytes not searched yet: the unfinished last line is short next to the
    /// block before it, and a line longer than a block is not searched again on every read.
    private mutating func lastNewline() -> Int? {
        let found = carry.withUnsafeBytes { raw -> Int? in
            var index = raw.count - 1
            while index >= searched {
                if raw[index] == 0x0A { return index }
                index -= 1
            }
            return nil
        }
        if found == nil { searched = carry.count }
        return found
    }

    /// Splits whole lines, numbering every line (blank ones too) but keeping only non-blank ones.
    private mutating func split(_ bytes: [UInt8]) -> Batch {
        var lines: [(range: Range<Int>, number: Int)] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start < raw.count {
                let end: Int
                if let found = memchr(base + start, 0x0A, raw.count - start) {
                    end = base.distance(to: UnsafeRawPointer(found))
                } else {
                    end = raw.count
                }
                var last = end
                if last > start && raw[last - 1] == 0x0D { last -= 1 }
                var first = start
                while first < last && (raw[first] == 0x20 || raw[first] == 0x09) { first += 1 }
                if first < last { lines.append((start..<last, nextLineNumber)) }
                nextLineNumber += 1
                start = end + 1
            }
        }
        return Batch(bytes: bytes, lines: lines)
    }
}
