import NIOCore
import Synchronization

/// The connections whose upgrade is refused for want of credentials, marked while the request is looked at
/// (before the rewriter exists: Hummingbird adds it only once the upgrade is refused) and forgotten when the
/// connection closes, so an identity is never mistaken for a later connection's.
final class UnauthorizedChannels: Sendable {
    private let channels = Mutex<Set<ObjectIdentifier>>([])

    /// Marks `channel` until it closes.
    func mark(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { _ = $0.insert(id) }
        channel.closeFuture.whenComplete { _ in self.channels.withLock { _ = $0.remove(id) } }
    }

    func contains(_ channel: any Channel) -> Bool {
        channels.withLock { $0.contains(ObjectIdentifier(channel)) }
    }
}
