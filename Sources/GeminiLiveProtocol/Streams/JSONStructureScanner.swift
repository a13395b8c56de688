#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows the structure of one JSON value, line by line, to find where it ends or where it goes wrong.
///
/// It checks the grammar of containers (brackets, keys, colons, commas) and skips strings with memchr;
/// scalars are taken as runs of bytes for the parser to judge. That is enough to find a value's end in any
/// layout, and to notice at once when a line starts something a value cannot hold (the next message after a
/// truncated one), so one bad message costs only itself, also on a live pipe. Its state survives between
/// lines: a string or a scalar cannot span a line break, so at a line end only the open containers and what
/// may come next remain.
struct JSONStructureScanner: Sendable {
    /// What the value's grammar allows next.
    private enum Expectation: Sendable {
        case value
        case valueOrArrayEnd
        case keyOrObjectEnd
        case key
        case colon
        case commaOrEnd
    }

    /// How a scan of one line's bytes ended.
    enum Outcome: Equatable, Sendable {
        /// The value ends at this index (exclusive).
        case complete(end: Int)
        /// The bytes ran out with the value still open.
        case open
        /// The byte at this index cannot continue the value.
        case invalid(at: Int)
    }

    /// The open containers, innermost last: `{` or `[`.
    private var containers: [UInt8] = []
    private var expectation = Expectation.value

    /// Whether nothing of a value has been seen yet.
    var isAtStart: Bool { containers.isEmpty && expectation == .value }

    /// Scans `bytes[from..<to]`, which never holds a line break (a line's content, or the rest of it).
    mutating func scan(_ bytes: UnsafeRawBufferPointer, from: Int, to end: Int) -> Outcome {
        var index = from
        while index < end {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
                continue
            }
            switch expectation {
            case .value, .valueOrArrayEnd:
                switch byte {
                case UInt8(ascii: "]") where expectation == .valueOrArrayEnd:
                    containers.removeLast()
                    index += 1
                    if let done = valueEnded(at: index) { return done }
                case UInt8(ascii: "{"):
                    containers.append(byte)
                    expectation = .keyOrObjectEnd
                    index += 1
                case UInt8(ascii: "["):
                    containers.append(byte)
                    expectation = .valueOrArrayEnd
                    index += 1
                case UInt8(ascii: "\""):
                    guard let after = Self.stringEnd(bytes, from: index, to: end) else { return .invalid(at: index) }
                    index = after
                    if let done = valueEnded(at: index) { return done }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"):
                    index += 1
                    while index < end, !Self.endsScalar(bytes[index]) { index += 1 }
                    if let done = valueEnded(at: index) { return done }
                default:
                    return .invalid(at: index)
                }
            case .keyOrObjectEnd, .key:
                if byte == UInt8(ascii: "}"), expectation == .keyOrObjectEnd {
                    containers.removeLast()
                    index += 1
                    if let done = valueEnded(at: index) { return done }
                } else if byte == UInt8(ascii: "\"") {
                    guard let after = Self.stringEnd(bytes, from: index, to: end) else { return .invalid(at: index) }
                    index = after
                    expectation = .colon
                } else {
                    return .invalid(at: index)
                }
            case .colon:
                guard byte == UInt8(ascii: ":") else { return .invalid(at: index) }
                expectation = .value
                index += 1
            case .commaOrEnd:
                let inner = containers[containers.count - 1]
                if byte == UInt8(ascii: ",") {
                    expectation = inner == UInt8(ascii: "{") ? .key : .value
                    index += 1
                } else if byte == UInt8(ascii: "}") && inner == UInt8(ascii: "{")
                    || byte == UInt8(ascii: "]") && inner == UInt8(ascii: "[")
                {
                    containers.removeLast()
                    index += 1
                    if let done = valueEnded(at: index) { return done }
                } else {
                    return .invalid(at: index)
                }
            }
        }
        return .open
    }

    /// After a whole value inside the structure: the end of the outermost one, or what comes next.
    private mutating func valueEnded(at index: Int) -> Outcome? {
        guard !containers.isEmpty else {
            expectation = .value
            return .complete(end: index)
        }
        expectation = .commaOrEnd
        return nil
    }

    /// The index after the closing quote of the string whose opening quote is at `start`; nil when the line
    /// ends first (JSON strings hold no raw line break).
    private static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        let base = bytes.baseAddress!
        var search = start + 1
        while search < end, let found = memchr(base + search, 0x22, end - search) {
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            search = quote + 1
        }
        return nil
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"),
            UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["):
            return true
        default:
            return false
        }
    }
}
