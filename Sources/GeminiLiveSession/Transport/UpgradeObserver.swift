import NIOCore
import NIOHTTP1

/// Watches a connection until its WebSocket upgrade: sends the upgrade request, and reports a refusal
/// (any answer but 101, with its HTTP status), an error or a close to the connection.
///
/// It sits last in the HTTP pipeline; `NIOHTTPClientUpgradeHandler` passes it a response it did not
/// upgrade on, and removes it with the other HTTP handlers once the upgrade succeeds.
final class UpgradeObserver: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    private let request: HTTPRequestHead
    private let connection: WebSocketConnection

    init(request: HTTPRequestHead, connection: WebSocketConnection) {
        self.request = request
        self.connection = connection
    }

    func channelActive(context: ChannelHandlerContext) {
        // The upgrade handler between here and the encoder adds the Upgrade and Sec-WebSocket-* headers;
        // TLS holds the bytes until its handshake is done.
        context.write(wrapOutboundOut(.head(request)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            connection.upgradeRefused(head)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        connection.failed(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.channelEnded()
    }
}
