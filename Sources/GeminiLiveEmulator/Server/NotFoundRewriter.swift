import HTTPTypes
import HummingbirdCore
import NIOHTTPTypes
import NIOCore

/// Turns the 400 that Hummingbird writes for a refused WebSocket upgrade into the service's 404.
///
/// The emulator refuses an upgrade only for a path the service does not serve, and the service
/// answers those with HTTP 404 (clients and proxies are diagnosed by that status).
final class NotFoundRewriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part, head.status == .badRequest {
            head.status = .notFound
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
