/// The client messages not yet covered by a resumption handle, oldest first, bounded in bytes.
///
/// Each entry remembers its 0-based index among the messages sent on the current connection
/// (`setup` excluded), which is what `lastConsumedClientMessageIndex` counts; nil while unsent.
struct ResendBuffer: Sendable {
    struct Entry: Sendable {
        var sequence: Int
        var message: OutboundMessage
        var connectionIndex: Int?
        var sentAt: Duration?
    }

    private var entries: [Entry] = []
    private var start = 0
    private(set) var bytes = 0
    private var nextSequence = 0

    /// Entries held (sent or not).
    var count: Int { entries.count - start }

    /// Whether any entry waits to be sent on the current connection.
    var hasUnsent: Bool { entries[start...].contains { $0.connectionIndex == nil } }

    /// Adds a message; returns its sequence number.
    mutating func append(_ message: OutboundMessage) -> Int {
        let sequence = nextSequence
        nextSequence += 1
        entries.append(Entry(sequence: sequence, message: message, connectionIndex: nil, sentAt: nil))
        bytes += message.frame.count
        return sequence
    }

    /// The positions (for `markSent`) of the unsent entries, oldest first.
    var unsentPositions: [Int] {
        (start..<entries.count).filter { entries[$0].connectionIndex == nil }
    }

    /// The entry at a position from `unsentPositions` or `append`'s `lastPosition`.
    subscript(position: Int) -> Entry { entries[position] }

    /// The position of the newest entry.
    var lastPosition: Int { entries.count - 1 }

    /// Records that the entry at `position` went out as message `index` of the current connection, at `time`.
    mutating func markSent(_ position: Int, index: Int, at time: Duration) {
        entries[position].connectionIndex = index
        entries[position].sentAt = time
    }

    /// A new connection: every kept entry is unsent again.
    mutating func resetForNewConnection() {
        for position in start..<entries.count {
            entries[position].connectionIndex = nil
            entries[position].sentAt = nil
        }
    }

    /// Drops the entries the server consumed: those sent on this connection at index `index` or before.
    @discardableResult
    mutating func cover(throughIndex index: Int) -> Int {
        cover { $0.connectionIndex.map { $0 <= index } ?? false }
    }

    /// Drops the entries sent on this connection whose sequence number is `sequence` or lower.
    @discardableResult
    mutating func cover(sentThroughSequence sequence: Int) -> Int {
        cover { $0.connectionIndex != nil && $0.sequence <= sequence }
    }

    /// Drops the entries sent on this connection at `time` or earlier.
    @discardableResult
    mutating func cover(sentBy time: Duration) -> Int {
        cover { $0.sentAt.map { $0 <= time } ?? false }
    }

    /// Drops every entry `isDropped` picks, sent or not; returns their messages.
    mutating func remove(where isDropped: (Entry) -> Bool) -> [OutboundMessage] {
        let dropped = entries[start...].filter(isDropped).map(\.message)
        if !dropped.isEmpty { cover(where: isDropped) }
        return dropped
    }

    @discardableResult
    private mutating func cover(where isCovered: (Entry) -> Bool) -> Int {
        let before = count
        var kept: [Entry] = []
        kept.reserveCapacity(count)
        var keptBytes = 0
        for entry in entries[start...] {
            if isCovered(entry) { continue }
            kept.append(entry)
            keptBytes += entry.message.frame.count
        }
        entries = kept
        start = 0
        bytes = keptBytes
        return before - count
    }

    /// Drops the oldest sent entries until `bytes <= limit` (unsent ones are never dropped); returns how many.
    mutating func evictSent(toFit limit: Int) -> Int {
        var evicted = 0
        while bytes > limit, start < entries.count, entries[start].connectionIndex != nil {
            bytes -= entries[start].message.frame.count
            // Free the frame now: the slot stays until the array is compacted below, and slots waiting for
            // that would otherwise hold up to another buffer's worth of frames.
            entries[start].message.frame = []
            start += 1
            evicted += 1
        }
        if start > 1024, start * 2 > entries.count {
            entries.removeSubrange(0..<start)
            start = 0
        }
        return evicted
    }
}
