import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Turns the 400 that Hummingbird writes for a refused WebSocket upgrade into the status the service sends.
///
/// The emulator refuses an upgrade for a path the service does not serve, which the service answers with
/// HTTP 404 (clients and proxies are diagnosed by that status), and for a Vertex AI path without credentials,
/// which Vertex answers with 401: the upgrade handler marks those connections in `unauthorized` first.
final class UpgradeRefusalRewriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let unauthorized: UnauthorizedChannels

    init(unauthorized: UnauthorizedChannels) {
        self.unauthorized = unauthorized
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part, head.status == .badRequest {
            if unauthorized.contains(context.channel) {
                head.status = .unauthorized
                // What Google's front ends send with a 401, so a client can tell which auth was expected.
                head.headerFields[.wwwAuthenticate] = "Bearer realm=\"https://accounts.google.com/\""
            } else {
                head.status = .notFound
            }
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
