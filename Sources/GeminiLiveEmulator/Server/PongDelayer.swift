import NIOCore
import NIOWebSocket

/// Holds back each pong frame for a while (`--slow-pongs`), like a busy server measured at 8-30 s.
final class PongDelayer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let delay: TimeAmount

    init(seconds: Double) {
        delay = .milliseconds(Int64(seconds * 1000))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let frame = unwrapOutboundIn(data)
        guard frame.opcode == .pong else {
            context.write(data, promise: promise)
            return
        }
        let loopBound = NIOLoopBound((context, frame), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: delay) {
            let (context, frame) = loopBound.value
            context.writeAndFlush(NIOAny(frame), promise: promise)
        }
    }
}
