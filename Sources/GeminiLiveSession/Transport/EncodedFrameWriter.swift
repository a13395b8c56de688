import NIOCore

/// The point in a connection's pipeline, just above TLS, where client frames already laid out by
/// `ClientFrameEncoder` enter: they skip NIO's WebSocket encoder, which would split each into two TLS records.
///
/// It passes everything else through untouched (the HTTP upgrade request goes out through it).
/// It is not `Sendable`: its connection owns it, and NIO calls it, on the channel's event loop only.
final class EncodedFrameWriter: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Writes and flushes one encoded frame toward the socket; call on the channel's event loop.
    func writeAndFlush(_ frame: ByteBuffer, promise: EventLoopPromise<Void>?) {
        guard let context else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.writeAndFlush(wrapOutboundOut(frame), promise: promise)
    }
}
