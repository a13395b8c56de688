/// Splits a motion-JPEG byte stream (concatenated JPEGs, as `ffmpeg -f mjpeg -` writes) into frames, incrementally.
///
/// Frames are found by parsing JPEG structure rather than searching for FF D8 / FF D9: after SOI the marker segments
/// are skipped by their lengths up to SOS, then the entropy-coded data is scanned for EOI, stepping over FF 00
/// stuffing and RSTn markers. So an EXIF thumbnail (a whole JPEG inside APP1) does not split its frame. Bytes that
/// are not part of a frame (garbage, a frame abandoned as corrupt or oversized) are dropped and counted.
public struct MJPEGSplitter: Sendable {
    /// The default cap on one frame: 32 MiB, far above any real MJPEG frame, small enough to bound memory.
    public static let defaultMaximumFrameBytes = 32 << 20

    /// Bytes dropped because they were not part of a complete, well-formed frame.
    public private(set) var skippedBytes = 0
    /// Frames returned or waiting to be returned.
    public private(set) var framesFound = 0
    /// Whether a JPEG start (FF D8 FF) has been seen.
    public private(set) var hasSeenStart = false
    /// The frame size cap in bytes.
    public let maximumFrameBytes: Int
    /// The name errors show.
    public let name: String

    private enum State: Sendable {
        /// Looking for FF D8 FF.
        case seeking
        /// Expecting a marker at `position`, walking segments by their lengths.
        case segments
        /// Inside entropy-coded data after SOS, looking for a marker other than stuffing and RSTn.
        case entropy
    }

    private var buffer: [UInt8] = []
    /// Where parsing resumes; in `.segments` it may lie beyond the buffer while a long segment arrives.
    private var position = 0
    /// Bytes of an abandoned oversized frame that have not arrived yet; they are skipped as they come.
    private var oversizedRemaining = 0
    private var state = State.seeking
    private var ready: [[UInt8]] = []
    private var readyIndex = 0

    /// Creates a splitter; `name` is used in errors (`stdin` or a path).
    public init(name: String = "stdin", maximumFrameBytes: Int = defaultMaximumFrameBytes) {
        self.name = name
        self.maximumFrameBytes = max(maximumFrameBytes, 4)
    }

    /// Adds stream bytes; complete frames become available from `nextFrame()`.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        parse()
    }

    /// Adds stream bytes from a collection.
    public mutating func append(contentsOf bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        parse()
    }

    /// The next complete frame (SOI through EOI), or nil until more bytes arrive.
    public mutating func nextFrame() -> [UInt8]? {
        guard readyIndex < ready.count else { return nil }
        let frame = ready[readyIndex]
        ready[readyIndex] = []
        readyIndex += 1
        if readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
        }
        return frame
    }

    /// Ends the stream: throws `truncatedFrame` when it stopped inside a frame. Stray trailing bytes count as skipped.
    public mutating func finish() throws(MediaError) {
        let leftover = buffer.count
        buffer.removeAll()
        position = 0
        oversizedRemaining = 0
        if state == .seeking {
            skippedBytes += leftover
            return
        }
        state = .seeking
        skippedBytes += leftover
        throw .truncatedFrame(source: name, bytes: leftover)
    }

    private mutating func parse() {
        while true {
            let progressed =
                switch state {
                case .seeking: seekStart()
                case .segments: walkSegments()
                case .entropy: scanEntropy()
                }
            if state != .seeking && position > maximumFrameBytes {
                abandonFrame()
                continue
            }
            if !progressed { return }
        }
    }

    /// Drops bytes up to the next FF D8 FF; false when more input is needed.
    private mutating func seekStart() -> Bool {
        if oversizedRemaining > 0 {
            let count = min(oversizedRemaining, buffer.count)
            dropPrefix(count)
            oversizedRemaining -= count
            if oversizedRemaining > 0 { return false }
        }
        var index = position
        while index + 2 < buffer.count {
            if buffer[index] == 0xFF && buffer[index + 1] == 0xD8 && buffer[index + 2] == 0xFF {
                dropPrefix(index)
                hasSeenStart = true
                state = .segments
                position = 2
                return true
            }
            index += 1
        }
        // Keep the last two bytes: they may be the start of a marker split across appends.
        dropPrefix(max(0, buffer.count - 2))
        position = 0
        return false
    }

    /// Walks length-prefixed segments from `position`; false when more input is needed.
    private mutating func walkSegments() -> Bool {
        while position + 1 < buffer.count {
            guard buffer[position] == 0xFF else {
                abandonFrame()
                return true
            }
            let marker = buffer[position + 1]
            switch marker {
            case 0xFF:
                position += 1  // fill byte before a marker
            case 0x01, 0xD0...0xD7:
                position += 2  // markers without a length
            case 0xD9:
                emitFrame(end: position + 2)
                return true
            case 0xD8, 0x00:
                abandonFrame()  // a second SOI or a stray byte pair: not a frame we can trust
                return true
            default:
                guard position + 3 < buffer.count else { return false }
                let length = Int(buffer[position + 2]) << 8 | Int(buffer[position + 3])
                guard length >= 2 else {
                    abandonFrame()
                    return true
                }
                position += 2 + length
                if marker == 0xDA {
                    state = .entropy
                    return true
                }
            }
            if position > maximumFrameBytes { return true }
        }
        return false
    }

    /// Scans entropy-coded data for the next real marker; false when more input is needed.
    private mutating func scanEntropy() -> Bool {
        let count = buffer.count
        var index = position
        let found: Bool = buffer.withUnsafeBufferPointer { bytes in
            while index + 1 < count {
                if bytes[index] != 0xFF {
                    index += 1
                    continue
                }
                let next = bytes[index + 1]
                if next == 0x00 || (0xD0...0xD7).contains(next) {
                    index += 2  // byte stuffing or a restart marker: still image data
                } else if next == 0xFF {
                    index += 1  // fill byte
                } else {
                    return true
                }
            }
            return false
        }
        position = index
        guard found else { return false }
        if buffer[index + 1] == 0xD9 {
            emitFrame(end: index + 2)
        } else {
            // Another segment (DHT or SOS between the scans of a progressive JPEG): walk it by its length.
            state = .segments
        }
        return true
    }

    private mutating func emitFrame(end: Int) {
        guard end <= maximumFrameBytes else {
            position = end
            abandonFrame()
            return
        }
        ready.append(Array(buffer[..<end]))
        framesFound += 1
        buffer.removeSubrange(..<end)
        position = 0
        state = .seeking
    }

    /// Gives up on the current frame: its first byte is skipped and the search for a start resumes after it.
    private mutating func abandonFrame() {
        state = .seeking
        if position > maximumFrameBytes {
            // Drop everything scanned, in bounded memory: what has arrived now, the rest as it arrives (so the
            // outcome does not depend on how the stream was cut into reads); the search resumes after it.
            let count = min(position, buffer.count)
            oversizedRemaining = position - count
            dropPrefix(count)
        } else {
            dropPrefix(1)
        }
        position = 0
    }

    private mutating func dropPrefix(_ count: Int) {
        guard count > 0 else { return }
        skippedBytes += count
        buffer.removeSubrange(..<count)
    }
}
