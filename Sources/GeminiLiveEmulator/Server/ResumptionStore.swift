import Synchronization

/// Conversations kept for resumption, by handle, shared by all connections; handles expire after a TTL.
public final class ResumptionStore: Sendable {
    private struct Entry {
        var snapshot: ConversationSnapshot
        var expiry: ContinuousClock.Instant
        var pending: PendingReply?
    }

    private let ttl: Duration
    private let entries = Mutex<[String: Entry]>([:])

    /// Creates a store whose handles live `ttl` seconds.
    public init(ttl: Double) {
        self.ttl = .milliseconds(Int64(ttl * 1000))
    }

    /// Keeps `snapshot` under `handle` until the TTL passes.
    public func store(_ snapshot: ConversationSnapshot, handle: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { table in
            table = table.filter { $0.value.expiry > now }
            table[handle] = Entry(snapshot: snapshot, expiry: now + ttl)
        }
    }

    /// Attaches a reply waiting on a tool call to `handle`, so resuming with it finishes the reply.
    func attach(_ pending: PendingReply, to handle: String) {
        entries.withLock { table in table[handle]?.pending = pending }
    }

    /// Takes the reply waiting on a tool call attached to `handle`, if any (a second resume does not repeat it).
    func takePending(for handle: String, now: ContinuousClock.Instant = .now) -> PendingReply? {
        entries.withLock { table in
            guard let entry = table[handle], entry.expiry > now else { return nil }
            table[handle]?.pending = nil
            return entry.pending
        }
    }

    /// The conversation under `handle`, or nil if unknown or expired.
    public func snapshot(for handle: String, now: ContinuousClock.Instant = .now) -> ConversationSnapshot? {
        entries.withLock { table in
            guard let entry = table[handle], entry.expiry > now else { return nil }
            return entry.snapshot
        }
    }
}
